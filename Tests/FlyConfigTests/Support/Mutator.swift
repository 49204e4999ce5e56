/// Makes damaged variants of documents, deterministically for a seed, to check that a reader never
/// crashes and always reports bad input properly.
///
/// Each mutant is one corpus document with one to three mutations applied: truncation, bit flips,
/// inserted or deleted bytes, lines spliced from other documents or duplicated, very deep nesting,
/// huge numbers, malformed UTF-8, NUL bytes, and carriage-return line ends.
///
///     let mutants = Mutator(seed: 42).mutants(of: corpus, count: 1000)
struct Mutator {
    enum Mutation: CaseIterable {
        case truncate, flipBits, insertBytes, deleteBytes, spliceLine, duplicateLine
        case deepArrays, deepInlineTables, deepKeys, hugeNumber, invalidUTF8, nulByte, carriageReturns
    }

    let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
    }

    /// `count` mutants of documents picked from `corpus` (which must not be empty).
    func mutants(of corpus: [[UInt8]], count: Int) -> [[UInt8]] {
        guard !corpus.isEmpty else { return [] }
        var random = SeededRandom(seed: seed)
        var result: [[UInt8]] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            var document = random.pick(corpus)
            for _ in 0..<random.int(1...3) {
                apply(random.pick(Mutation.allCases), to: &document, corpus: corpus, random: &random)
            }
            result.append(document)
        }
        return result
    }

    /// Applies one mutation to `document`.
    func apply(_ mutation: Mutation, to document: inout [UInt8], corpus: [[UInt8]], random: inout SeededRandom) {
        switch mutation {
        case .truncate:
            document.removeLast(document.isEmpty ? 0 : random.int(1...document.count))
        case .flipBits:
            guard !document.isEmpty else { return }
            for _ in 0..<random.int(1...4) {
                let i = random.int(0...document.count - 1)
                document[i] ^= UInt8(1) << UInt8(random.int(0...7))
            }
        case .insertBytes:
            let bytes = (0..<random.int(1...8)).map { _ in
                random.chance(0.7) ? random.pick(Self.syntaxBytes) : UInt8.random(in: 0...255, using: &random)
            }
            document.insert(contentsOf: bytes, at: random.int(0...document.count))
        case .deleteBytes:
            guard !document.isEmpty else { return }
            let start = random.int(0...document.count - 1)
            document.removeSubrange(start..<min(document.count, start + random.int(1...16)))
        case .spliceLine:
            let lines = Self.lines(of: random.pick(corpus))
            insertLine(random.pick(lines), into: &document, random: &random)
        case .duplicateLine:
            let lines = Self.lines(of: document)
            insertLine(random.pick(lines), into: &document, random: &random)
        case .deepArrays:
            let depth = random.pick(Self.depths)
            var line = Array("deep = ".utf8) + [UInt8](repeating: 0x5B, count: depth)
            if random.chance(0.5) { line += [0x31] + [UInt8](repeating: 0x5D, count: depth) }
            insertLine(line, into: &document, random: &random)
        case .deepInlineTables:
            let depth = random.pick(Self.depths)
            var line = Array(("deep = " + String(repeating: "{a=", count: depth)).utf8)
            if random.chance(0.5) { line += [0x31] + [UInt8](repeating: 0x7D, count: depth) }
            insertLine(line, into: &document, random: &random)
        case .deepKeys:
            let depth = random.pick(Self.depths)
            let path = Array((String(repeating: "a.", count: depth) + "a").utf8)
            let line = random.chance(0.5) ? [0x5B] + path + [0x5D] : path + Array(" = 1".utf8)
            insertLine(line, into: &document, random: &random)
        case .hugeNumber:
            let number = random.pick(Self.hugeNumbers)
            insertLine(Array("huge = ".utf8) + number, into: &document, random: &random)
        case .invalidUTF8:
            let sequence = random.pick(Self.malformedUTF8)
            // Usually just inside a string or a comment, where non-ASCII bytes are allowed.
            var at = random.int(0...document.count)
            if random.chance(0.7), let quote = document[at...].firstIndex(where: { $0 == 0x22 || $0 == 0x23 }) {
                at = quote + 1
            }
            document.insert(contentsOf: sequence, at: at)
        case .nulByte:
            document.insert(0, at: random.int(0...document.count))
        case .carriageReturns:
            if random.chance(0.5) {
                document = document.map { $0 == 0x0A ? 0x0D : $0 }
            } else {
                document.insert(0x0D, at: random.int(0...document.count))
            }
        }
    }

    /// Inserts `line` at the start of a random line.
    private func insertLine(_ line: [UInt8], into document: inout [UInt8], random: inout SeededRandom) {
        let from = random.int(0...document.count)
        let at = from == 0 ? 0 : document[from...].firstIndex(of: 0x0A).map { $0 + 1 } ?? document.count
        document.insert(contentsOf: line + [0x0A], at: at)
    }

    private static func lines(of document: [UInt8]) -> [[UInt8]] {
        let lines = document.split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
        return lines.isEmpty ? [[]] : lines
    }

    private static let depths = [300, 513, 600, 1_000, 3_000]

    private static let syntaxBytes: [UInt8] = Array("[]{}=\"'\\.,#\n\r\t 01e+-_:TZxob".utf8)

    private static let hugeNumbers: [[UInt8]] = [
        String(repeating: "1", count: 400), "1e99999", "-1e99999", "1e-99999", "0x" + String(repeating: "f", count: 40),
        "9223372036854775808", "-9223372036854775809", "0b" + String(repeating: "1", count: 64),
        "0o" + String(repeating: "7", count: 30), "1" + String(repeating: "0", count: 300) + ".5",
        "0." + String(repeating: "0", count: 400) + "1", String(repeating: "9", count: 5000),
    ].map { Array($0.utf8) }

    private static let malformedUTF8: [[UInt8]] = [
        [0xC0, 0x80], [0xC1, 0xBF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xFE], [0x80],
        [0xBF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE0, 0x80, 0xAF],
    ]
}
