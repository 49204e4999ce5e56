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

    /// Levenshtein distance.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
