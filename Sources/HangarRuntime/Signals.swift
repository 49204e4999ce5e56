import Glibc

/// Signal names as fly.toml spells them (`SIGINT`, `INT`, `sigterm`) and their numbers.
public enum Signals {
    static let table: [(String, Int32)] = [
        ("SIGHUP", SIGHUP), ("SIGINT", SIGINT), ("SIGQUIT", SIGQUIT), ("SIGILL", SIGILL),
        ("SIGTRAP", SIGTRAP), ("SIGABRT", SIGABRT), ("SIGBUS", SIGBUS), ("SIGFPE", SIGFPE),
        ("SIGKILL", SIGKILL), ("SIGUSR1", SIGUSR1), ("SIGSEGV", SIGSEGV), ("SIGUSR2", SIGUSR2),
        ("SIGPIPE", SIGPIPE), ("SIGALRM", SIGALRM), ("SIGTERM", SIGTERM), ("SIGCHLD", SIGCHLD),
        ("SIGCONT", SIGCONT), ("SIGSTOP", SIGSTOP), ("SIGTSTP", SIGTSTP), ("SIGTTIN", SIGTTIN),
        ("SIGTTOU", SIGTTOU), ("SIGURG", SIGURG), ("SIGXCPU", SIGXCPU), ("SIGXFSZ", SIGXFSZ),
        ("SIGVTALRM", SIGVTALRM), ("SIGPROF", SIGPROF), ("SIGWINCH", SIGWINCH), ("SIGIO", SIGIO),
        ("SIGSYS", SIGSYS),
    ]

    /// The number of a signal name (`SIGINT`, `INT`, case-insensitive), or nil.
    public static func number(named name: String) -> Int32? {
        let upper = name.uppercased()
        let full = upper.hasPrefix("SIG") ? upper : "SIG" + upper
        return table.first { $0.0 == full }?.1
    }

    /// The name of a signal number (`SIGTERM`), or `signal N`.
    public static func name(of number: Int32) -> String {
        table.first { $0.1 == number }?.0 ?? "signal \(number)"
    }
}
