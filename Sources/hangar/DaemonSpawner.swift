import CHangarShim
import Foundation
import Glibc

/// Starts `hangar daemon --home HOME --detached` in the background: the same binary
/// (`/proc/self/exe`) in a session of its own (setsid() before exec, so a Ctrl-C or a hang-up
/// meant for this command never reaches it), standard input from /dev/null, output appended to the
/// daemon's log, and no other descriptor inherited.
enum DaemonSpawner {
    struct Failure: Error {
        let message: String
    }

    static func spawn(home: String, log: String, extraArguments: [String] = []) throws(Failure) -> Int32 {
        let executable = executablePath()
        let logDescriptor = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard logDescriptor >= 0 else { throw Failure(message: "cannot open \(log): \(errorText())") }
        defer { close(logDescriptor) }
        let nullDescriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard nullDescriptor >= 0 else { throw Failure(message: "cannot open /dev/null: \(errorText())") }
        defer { close(nullDescriptor) }

        var environment = ProcessInfo.processInfo.environment
        environment["HANGAR_HOME"] = home
        let words: [String] = [executable, "daemon", "--home", home, "--detached"] + extraArguments
        let variables: [String] = environment.map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { word in strdup(word) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { variable in strdup(variable) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let fds: [Int32] = [nullDescriptor, logDescriptor, logDescriptor]
        var result = hangar_spawn_result()
        let status = executable.withCString { path in
            argv.withUnsafeBufferPointer { argvBuffer in
                envp.withUnsafeBufferPointer { envpBuffer in
                    fds.withUnsafeBufferPointer { fdBuffer in
                        var request = hangar_spawn_request()
                        request.path = path
                        request.argv = argvBuffer.baseAddress
                        request.envp = envpBuffer.baseAddress
                        request.cwd = nil
                        request.fds = fdBuffer.baseAddress
                        request.fd_count = Int32(fdBuffer.count)
                        request.namespaces = 0
                        request.new_session = 1
                        request.block_init_signals = 0
                        return hangar_spawn(&request, &result)
                    }
                }
            }
        }
        guard status == 0 else {
            throw Failure(
                message: "spawning \(executable) failed at stage \(result.error_stage): "
                    + String(cString: strerror(result.error_number)))
        }
        if result.pidfd >= 0 { close(result.pidfd) }
        return result.pid
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

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
