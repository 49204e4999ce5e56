/// Which of a machine's output descriptors a line came from.
public enum LogStream: String, Sendable, Hashable, CaseIterable {
    case stdout
    case stderr
}
