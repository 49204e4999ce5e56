/// A machine's state, with Fly's names (fly-go's machine states).
public enum MachineState: String, Sendable, Codable, CaseIterable, Hashable {
    case creating
    case created
    case starting
    case started
    case stopping
    case stopped
    case suspending
    case suspended
    case restarting
    case updating
    case replacing
    case replaced
    case failed
    case launchFailed = "launch_failed"
    case destroying
    case destroyed

    /// States a machine rests in until something acts on it.
    public var isPersistent: Bool {
        switch self {
        case .created, .started, .stopped, .suspended, .failed: true
        default: false
        }
    }

    /// States a machine never leaves: the store refuses transitions out of them.
    public var isTerminal: Bool { self == .destroyed || self == .replaced }
}
