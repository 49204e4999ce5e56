/// Why a log file could not be opened, written or read.
public enum LogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A machine id that cannot name a log file (empty, too long, or with characters other than
    /// letters, digits, `-` and `_`).
    case invalidMachineID(String)
    /// A system call failed on a path.
    case system(call: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidMachineID(let id):
            return "invalid machine id \"\(id)\": expected letters, digits, '-' or '_' (at most 64)"
        case .system(let call, let path, let code):
            return "\(call) \(path): \(LogFileIO.errorText(code))"
        }
    }
}
