import Foundation
import HangarStore

/// How the end of a machine is written down: the words people read ("exit code 1", "signal 9
/// (SIGKILL)", "out of memory", "killed after kill_timeout", "exec failed: ...") and the store's
/// `MachineExit`.
enum ExitRecord {
    /// Words for an event, a status line or an error message.
    static func reason(_ info: ExitInfo) -> String {
        switch info {
        case .exited(let code): return "exit code \(code)"
        case .signaled(let signal): return signalText(signal)
        case .oomKilled: return "out of memory"
        case .killedAfterTimeout: return "killed after kill_timeout"
        case .execFailed(let message): return "exec failed: \(message)"
        }
    }

    /// `signal 9 (SIGKILL)`, or `signal 64` for a number without a name.
    static func signalText(_ signal: Int32) -> String {
        let name = Signals.name(of: signal)
        return name.hasPrefix("SIG") ? "signal \(signal) (\(name))" : "signal \(signal)"
    }

    /// The store's record of the exit.
    static func machineExit(_ info: ExitInfo, requestedStop: Bool, at date: Date = Date()) -> MachineExit {
        let text = reason(info)
        switch info {
        case .exited(let code):
            return MachineExit(code: code, requestedStop: requestedStop, reason: text, exitedAt: date)
        case .signaled(let signal):
            return MachineExit(signal: signal, requestedStop: requestedStop, reason: text, exitedAt: date)
        case .oomKilled:
            return MachineExit(signal: SIGKILL, oomKilled: true, requestedStop: requestedStop, reason: text, exitedAt: date)
        case .killedAfterTimeout:
            return MachineExit(signal: SIGKILL, requestedStop: requestedStop, reason: text, exitedAt: date)
        case .execFailed:
            return MachineExit(requestedStop: requestedStop, reason: text, exitedAt: date)
        }
    }

    /// What the machine init wrote to its exit file (`exited 3`, `signaled 9`, `exec-failed ...`),
    /// for a machine that ended while no supervisor watched it. Nil when the file says nothing.
    static func fromExitFile(_ text: String, argv: [String], workingDirectory: String) -> ExitInfo? {
        var final: ExitInfo?
        for status in InitProtocol.Status.all(in: text) {
            switch status {
            case .execFailed(let stage, let code):
                return .execFailed(message: InitProtocol.Status.execFailureMessage(
                    stage: stage, errno: code, argv: argv, workingDirectory: workingDirectory))
            case .exited(let code): final = .exited(code: code)
            case .signaled(let signal): final = .signaled(signal: signal)
            case .running, .setupFailed: continue
            }
        }
        return final
    }
}
