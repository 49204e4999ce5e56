import HangarRuntime
import HangarStore

/// The rules requests must follow before the runtime sees them. Each returns the 400 error to send,
/// or nil. Names and ids use the store's rules, so the API and the store agree.
public enum RequestRules {
    public static let maxCount = 1000
    public static let volumeSizes = 1...500
    public static let tails = 0...10_000
    public static let eventLimits = 1...1000
    public static let waitTimeouts = 1...86_400

    public static func app(_ name: String) -> APIError? { check { () throws(StoreError) in try NameRules.validateAppName(name) } }
    public static func machineID(_ id: String) -> APIError? {
        check { () throws(StoreError) in try NameRules.validateMachineID(id) }
    }
    public static func group(_ name: String) -> APIError? {
        check { () throws(StoreError) in try NameRules.validateGroupName(name) }
    }
    public static func secretName(_ name: String) -> APIError? {
        check { () throws(StoreError) in try NameRules.validateSecretName(name) }
    }
    public static func secretValue(_ value: String, name: String) -> APIError? {
        check { () throws(StoreError) in try NameRules.validateSecretValue(value, name: name) }
    }
    public static func volumeName(_ name: String) -> APIError? {
        check { () throws(StoreError) in try NameRules.validateVolumeName(name) }
    }

    /// `vol_` and 16 lowercase letters or digits.
    public static func volumeID(_ id: String) -> APIError? {
        let suffix = id.hasPrefix("vol_") ? Array(id.utf8.dropFirst(4)) : []
        let valid = suffix.count == Identifiers.volumeSuffixLength
            && suffix.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return valid ? nil : .badRequest("invalid volume id \(HTTPText.quoted(id)): expected vol_ and 16 lowercase letters or digits")
    }

    public static func counts(_ counts: [String: Int]) -> APIError? {
        if counts.isEmpty { return .badRequest("no counts given: send {\"counts\": {\"GROUP\": N}}") }
        for (group, count) in counts.sorted(by: { $0.key < $1.key }) {
            if let error = Self.group(group) { return error }
            guard (0...maxCount).contains(count) else {
                return .badRequest("invalid count \(count) for process group \(group): use 0 to \(maxCount)")
            }
        }
        return nil
    }

    public static func volumeSize(_ size: Int) -> APIError? {
        volumeSizes.contains(size)
            ? nil
            : .badRequest("invalid volume size \(size) GB: use \(volumeSizes.lowerBound) to \(volumeSizes.upperBound)")
    }

    public static func configPath(_ path: String) -> APIError? {
        guard path.hasPrefix("/"), path.utf8.count <= 4096, !path.utf8.contains(0) else {
            return .badRequest(
                "invalid configPath \(HTTPText.quoted(path)): give the absolute path of the fly.toml (at most 4096 bytes)")
        }
        return nil
    }

    public static func waitTimeout(_ seconds: Int) -> APIError? {
        waitTimeouts.contains(seconds)
            ? nil
            : .badRequest(
                "invalid waitTimeoutSeconds \(seconds): use \(waitTimeouts.lowerBound) to \(waitTimeouts.upperBound)")
    }

    /// An integer query parameter within `range`, `fallback` when absent.
    static func integer(_ query: QueryParameters, _ name: String, in range: ClosedRange<Int>, fallback: Int)
        -> Result<Int, APIError>
    {
        guard let text = query[name] else { return .success(fallback) }
        guard let value = Int(text), range.contains(value) else {
            return .failure(
                .badRequest(
                    "invalid \(name) \(HTTPText.quoted(text)): use an integer from \(range.lowerBound) to \(range.upperBound)"
                ))
        }
        return .success(value)
    }

    /// A boolean query parameter (`1`, `true`, `0`, `false`; present without a value means true).
    static func flag(_ query: QueryParameters, _ name: String) -> Result<Bool, APIError> {
        guard let text = query[name] else { return .success(false) }
        switch text.lowercased() {
        case "", "1", "true", "yes": return .success(true)
        case "0", "false", "no": return .success(false)
        default: return .failure(.badRequest("invalid \(name) \(HTTPText.quoted(text)): use 1 or 0"))
        }
    }

    private static func check(_ body: () throws(StoreError) -> Void) -> APIError? {
        do {
            try body()
            return nil
        } catch {
            return APIError(error)
        }
    }
}
