/// "Did you mean" suggestions for names from a fixed set (presets, signals, handlers).
enum NameSuggestion {
    /// The candidate closest to `name` (case-insensitive edit distance), if it is close enough to be
    /// a plausible typo: at most a third of the longer name's length, and at least one edit less
    /// than the name's own length.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let lowered = Array(name.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(lowered, Array(candidate.lowercased().unicodeScalars))
            if best.map({ d < $0.distance }) ?? true { best = (candidate, d) }
        }
        guard let best else { return nil }
        let longest = max(lowered.count, best.name.unicodeScalars.count)
        guard best.distance <= max(1, longest / 3), best.distance < lowered.count else { return nil }
        return best.name
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
    /// (optimal string alignment).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
