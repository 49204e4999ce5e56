import Foundation
import Glibc

/// Starts `hangar daemon --home HOME --detached` in the background: the same binary
/// (`/proc/self/exe`), standard input from /dev/null, output appended to the daemon's log, no
/// other inherited descriptors, SIGINT and SIGHUP ignored until it has left the terminal's session
/// (it calls setsid() first thing).
enum DaemonSpawner {
    struct Failure: Error {
        let message: String
    }

    static func spawn(home: String, log: String) throws(Failure) -> Int32 {
        let executable = executablePath()
        let logDescriptor = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard logDescriptor >= 0 else { throw Failure(message: "cannot open \(log): \(errorText())") }
        defer { close(logDescriptor) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, logDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, logDescriptor, 2)
        for descriptor in inheritableDescriptors() where descriptor > 2 && descriptor != logDescriptor {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        let arguments = [executable, "daemon", "--home", home, "--detached"]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["HANGAR_HOME"] = home
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        // Ignored dispositions survive exec: the daemon cannot be hit by a Ctrl-C meant for this
        // command in the instant before it calls setsid().
        let previousInt = signal(SIGINT, SIG_IGN)
        let previousHup = signal(SIGHUP, SIG_IGN)
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        signal(SIGINT, previousInt)
        signal(SIGHUP, previousHup)
        guard result == 0 else {
            throw Failure(message: "posix_spawn \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// The exit status of the spawned daemon if it has already ended (it is then reaped).
    static func exitStatus(_ pid: Int32) -> Int32? {
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return CommandLine.arguments.first ?? "hangar"
    }

    /// Open descriptors without close-on-exec, which the daemon would otherwise inherit (a test
    /// harness's pipe kept open by the daemon would never reach end of file).
    static func inheritableDescriptors() -> [Int32] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return [] }
        return names.compactMap { Int32($0) }.filter { descriptor in
            let flags = fcntl(descriptor, F_GETFD)
            return flags >= 0 && flags & FD_CLOEXEC == 0
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
