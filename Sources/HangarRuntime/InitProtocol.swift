/// What the launcher and the machine init (`Sources/CHangarShim/machine_init.c`) say to each other.
enum InitProtocol {
    /// The spec, as NUL-terminated `key=value` records ending with `go`.
    struct Spec: Sendable, Equatable {
        var argv: [String]
        var env: [String]
        var workingDirectory: String?
        var hostname: String?
        var volumeSource: String?
        var volumeDestination: String?
        var hostsFile: String?
        var exitFile: String?
        var makeMountsSlave = false
        var mountProc = false
        var subreaper = false
        var addressSpaceLimit: UInt64?

        func encoded() throws(LaunchError) -> [UInt8] {
            var records: [(String, String?)] = []
            records += argv.map { ("arg", $0) }
            records += env.map { ("env", $0) }
            if let workingDirectory { records.append(("cwd", workingDirectory)) }
            if let hostname { records.append(("hostname", hostname)) }
            if let volumeSource, let volumeDestination {
                records.append(("volume_source", volumeSource))
                records.append(("volume_destination", volumeDestination))
            }
            if let hostsFile { records.append(("hosts", hostsFile)) }
            if let exitFile { records.append(("exit_file", exitFile)) }
            if makeMountsSlave { records.append(("mount_slave", "1")) }
            if mountProc { records.append(("mount_proc", "1")) }
            if subreaper { records.append(("subreaper", "1")) }
            if let addressSpaceLimit { records.append(("rlimit_as", String(addressSpaceLimit))) }
            records.append(("go", nil))
            var bytes: [UInt8] = []
            for (key, value) in records {
                if let value {
                    guard !value.utf8.contains(0) else {
                        throw .invalidSpec("\(key) contains a NUL byte")
                    }
                    bytes += Array(key.utf8) + [UInt8(ascii: "=")] + Array(value.utf8)
                } else {
                    bytes += Array(key.utf8)
                }
                bytes.append(0)
            }
            return bytes
        }
    }

    /// One status line of the init.
    enum Status: Sendable, Equatable {
        case running(appPID: Int32)
        case execFailed(stage: Int32, errno: Int32)
        case setupFailed(errno: Int32, what: String)
        case exited(code: Int32)
        case signaled(signal: Int32)

        /// Stages of `execFailed` (machine_init.c APP_STAGE_*).
        static let stageRlimit: Int32 = 1
        static let stageChdir: Int32 = 2
        static let stageExec: Int32 = 3

        init?(line: Substring) {
            let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard let verb = words.first else { return nil }
            let numbers = words.dropFirst().map { Int32($0) }
            switch verb {
            case "running":
                guard let pid = numbers.first ?? nil else { return nil }
                self = .running(appPID: pid)
            case "exec-failed":
                guard numbers.count == 2, let stage = numbers[0], let code = numbers[1] else { return nil }
                self = .execFailed(stage: stage, errno: code)
            case "setup-failed":
                guard let code = numbers.first ?? nil else { return nil }
                self = .setupFailed(errno: code, what: words.count > 2 ? String(words[2]) : "")
            case "exited":
                guard let code = numbers.first ?? nil else { return nil }
                self = .exited(code: code)
            case "signaled":
                guard let signal = numbers.first ?? nil else { return nil }
                self = .signaled(signal: signal)
            default:
                return nil
            }
        }

        /// Every status in `text`, in order.
        static func all(in text: String) -> [Status] {
            text.split(separator: "\n").compactMap { Status(line: $0) }
        }

        /// The message of an exec failure: `exec NAME: No such file or directory`.
        static func execFailureMessage(stage: Int32, errno code: Int32, argv: [String], workingDirectory: String) -> String {
            let reason = LaunchError.message(for: code)
            switch stage {
            case stageChdir: return "chdir \(workingDirectory): \(reason)"
            case stageRlimit: return "setrlimit: \(reason)"
            default: return "\(argv.first ?? ""): \(reason)"
            }
        }
    }
}
