/// Why a size could not be read.
public struct SizeParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// The size grammar flyctl uses (docker/go-units v0.5.0) for `memory`, `initial_size` and the
/// auto-extend sizes.
///
/// A whole string that is a plain decimal integer (optional sign) is taken in the field's default
/// unit. Anything else is `<number>[ ]<suffix>`: a non-negative decimal (fraction allowed) and a
/// case-insensitive suffix that is empty or `b` (bytes), or one of `k m g t p` optionally followed by
/// `b` or `ib`. The multiplier base depends on the field (1024 for memory, 1000 for volumes), never
/// on the suffix.
public enum HumanSize {
    /// Multiplier base for a field.
    public enum Base: Sendable {
        /// k = 1024 (memory).
        case binary
        /// k = 1000 (volumes).
        case decimal
    }

    /// A plain decimal integer with optional sign (Go's `strconv.Atoi`), or nil.
    public static func plainInteger(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let magnitude = Int(body) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// The number of bytes `text` denotes (the human-size path only).
    public static func bytes(_ text: String, base: Base) throws(SizeParseError) -> Int64 {
        let chars = Array(text)
        // The number ends at the last digit, dot or space.
        guard let sep = chars.lastIndex(where: { ("0"..."9").contains($0) || $0 == "." || $0 == " " }) else {
            throw SizeParseError("invalid size: '\(text)'")
        }
        let number: String
        let suffix: String
        if chars[sep] != " " {
            number = String(chars[...sep])
            suffix = String(chars[(sep + 1)...])
        } else {
            number = String(chars[..<sep])
            suffix = String(chars[(sep + 1)...])
        }
        guard let size = parseFloat(number) else {
            throw SizeParseError("strconv.ParseFloat: parsing \"\(number)\": invalid syntax")
        }
        if size < 0 { throw SizeParseError("invalid size: '\(text)'") }
        if suffix.isEmpty { return try toInt64(size, text) }
        let lower = Array(suffix.lowercased())
        guard lower.count <= 3 else { throw SizeParseError("invalid suffix: '\(suffix)'") }
        if lower[0] == "b" {
            guard lower.count == 1 else { throw SizeParseError("invalid suffix: '\(suffix.lowercased())'") }
            return try toInt64(size, text)
        }
        guard let power = "kmgtp".firstIndex(of: lower[0]).map({ "kmgtp".distance(from: "kmgtp".startIndex, to: $0) + 1 }) else {
            throw SizeParseError("invalid suffix: '\(suffix.lowercased())'")
        }
        if lower.count == 2, lower[1] != "b" { throw SizeParseError("invalid suffix: '\(suffix.lowercased())'") }
        if lower.count == 3, String(lower[1...]) != "ib" { throw SizeParseError("invalid suffix: '\(suffix.lowercased())'") }
        var multiplier: Double = 1
        for _ in 0..<power { multiplier *= (base == .binary ? 1024 : 1000) }
        return try toInt64(size * multiplier, text)
    }

    /// Size in the field's unit: a plain integer is already in that unit; otherwise bytes divided by
    /// `unitBytes` (integer division).
    public static func parse(_ text: String, base: Base, unitBytes: Int64) throws(SizeParseError) -> Int {
        if let n = plainInteger(text) { return n }
        let bytes = try bytes(text, base: base)
        return Int(bytes / unitBytes)
    }

    /// A decimal float as Go's `strconv.ParseFloat` reads the forms that can reach it here.
    private static func parseFloat(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        let allowed = text.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" || $0 == "_" }
        guard allowed, text.contains(where: { ("0"..."9").contains($0) }) else { return nil }
        return Double(text)
    }

    private static func toInt64(_ value: Double, _ text: String) throws(SizeParseError) -> Int64 {
        guard value.isFinite, value < 9.223372036854775e18 else { throw SizeParseError("invalid size: '\(text)'") }
        return Int64(value.rounded(.towardZero))
    }
}

/// Memory sizes (`[[vm]] memory`, `deploy.release_command_vm.memory`): binary multipliers, whole MB.
public enum MemorySize {
    public static let mebibyte: Int64 = 1024 * 1024

    /// Megabytes for a memory value: `"512"` → 512, `"1gb"`/`"1G"`/`"1GiB"` → 1024, `"1.5gb"` → 1536.
    /// Zero (including `"1.5"`, which is 1 byte) is an error: `memory cannot be zero`.
    public static func megabytes(from text: String) throws(SizeParseError) -> Int {
        let mb = try HumanSize.parse(text, base: .binary, unitBytes: mebibyte)
        if mb == 0 { throw SizeParseError("memory cannot be zero") }
        return mb
    }
}

/// Volume sizes (`initial_size`, `auto_extend_size_increment`, `auto_extend_size_limit`): decimal
/// multipliers (even with `ib`), whole GB.
public enum VolumeSize {
    public static let gigabyte: Int64 = 1_000_000_000

    /// Gigabytes for a volume size: `"30gb"` → 30, `"1GiB"` → 1, `"1.9gb"` → 1, `"500MB"` → 0,
    /// `"200"` → 200. Values under 1 GB come back as 0 (the caller decides whether that is an error).
    public static func gigabytes(from text: String) throws(SizeParseError) -> Int {
        try HumanSize.parse(text, base: .decimal, unitBytes: gigabyte)
    }
}
