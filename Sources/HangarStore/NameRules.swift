/// The rules for names and ids that come from users. Each check throws `.invalidInput` with a
/// message that quotes the value (escaped, shortened) and states the rule.
public enum NameRules {
    /// Fly app names: lowercase letters, digits and dashes, 1 to 63 characters, no dash at either end.
    public static func validateAppName(_ name: String) throws(StoreError) {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 63,
            bytes.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "-") }),
            bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-")
        else {
            throw .invalid(
                "invalid app name \(quoted(name)): use 1 to 63 lowercase letters, digits and dashes, "
                    + "not starting or ending with a dash")
        }
    }

    /// Fly volume names: lowercase letters, digits and underscores, at most 30 characters.
    public static func validateVolumeName(_ name: String) throws(StoreError) {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 30,
            bytes.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "_") })
        else {
            throw .invalid(
                "invalid volume name \(quoted(name)): use 1 to 30 lowercase letters, digits and underscores")
        }
    }

    /// Secret names become environment variable names: `[A-Za-z_][A-Za-z0-9_]*`, at most 256 characters.
    public static func validateSecretName(_ name: String) throws(StoreError) {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 256, isLetter(first) || first == UInt8(ascii: "_"),
            bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") })
        else {
            throw .invalid(
                "invalid secret name \(quoted(name)): a secret is an environment variable, so use letters, "
                    + "digits and underscores, not starting with a digit (at most 256 characters)")
        }
    }

    /// Linux limits one `NAME=value` environment string to 128 KiB (MAX_ARG_STRLEN), and a value cannot
    /// hold a NUL byte.
    public static func validateSecretValue(_ value: String, name: String) throws(StoreError) {
        let limit = 131_072 - name.utf8.count - 2
        if value.utf8.count > limit {
            throw .invalid(
                "secret \(name) is \(value.utf8.count) bytes; an environment variable holds at most \(limit) bytes "
                    + "with this name")
        }
        if value.utf8.contains(0) {
            throw .invalid("secret \(name) contains a NUL byte, which an environment variable cannot hold")
        }
    }

    /// Process group names: letters, digits, dashes and underscores, 1 to 63 characters.
    public static func validateGroupName(_ name: String) throws(StoreError) {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 63,
            bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
        else {
            throw .invalid(
                "invalid process group \(quoted(name)): use 1 to 63 letters, digits, dashes and underscores")
        }
    }

    /// Machine ids: 14 lowercase hex characters, e.g. `3d8d9a1c2e4f56`.
    public static func validateMachineID(_ id: String) throws(StoreError) {
        let bytes = Array(id.utf8)
        guard bytes.count == Identifiers.machineIDLength, bytes.allSatisfy(isLowerHex) else {
            throw .invalid("invalid machine id \(quoted(id)): a machine id is 14 lowercase hex characters")
        }
    }

    /// Volume ids: `vol_` and 16 lowercase letters or digits, e.g. `vol_9vw681egy1jj5xm4`.
    public static func validateVolumeID(_ id: String) throws(StoreError) {
        let bytes = Array(id.utf8)
        guard bytes.count == 4 + Identifiers.volumeSuffixLength, id.hasPrefix("vol_"),
            bytes.dropFirst(4).allSatisfy(isLowerAlnum)
        else {
            throw .invalid(
                "invalid volume id \(quoted(id)): a volume id is `vol_` followed by 16 lowercase letters or digits")
        }
    }

    /// Snapshot ids: `vs_` and 16 lowercase letters or digits.
    public static func validateSnapshotID(_ id: String) throws(StoreError) {
        let bytes = Array(id.utf8)
        guard bytes.count == 3 + Identifiers.volumeSuffixLength, id.hasPrefix("vs_"),
            bytes.dropFirst(3).allSatisfy(isLowerAlnum)
        else {
            throw .invalid(
                "invalid snapshot id \(quoted(id)): a snapshot id is `vs_` followed by 16 lowercase letters or digits")
        }
    }

    /// The value in quotes, with control and non-ASCII characters escaped and long values shortened, so a
    /// hostile name cannot garble a terminal or a log line.
    static func quoted(_ value: String) -> String {
        var shown = ""
        var count = 0
        for scalar in value.unicodeScalars {
            if count == 64 {
                shown += "..."
                break
            }
            if scalar.isASCII, scalar.value >= 0x20, scalar.value != 0x7F, scalar != "\"", scalar != "\\" {
                shown.unicodeScalars.append(scalar)
            } else {
                shown += scalar.escaped(asASCII: true)
            }
            count += 1
        }
        return "\"\(shown)\""
    }

    static func isLowerAlnum(_ b: UInt8) -> Bool { isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) }
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    static func isLetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }
    static func isLowerHex(_ b: UInt8) -> Bool { isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) }
}
