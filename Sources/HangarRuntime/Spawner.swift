import CHangarShim
import Glibc

/// A child process started by `hangar_spawn` (clone into namespaces, set up, exec).
struct SpawnedProcess: Sendable {
    var pid: pid_t
    /// -1 on kernels without pidfds.
    var pidfd: Int32
}

struct SpawnRequest {
    var path: String
    var argv: [String]
    var env: [String]
    var workingDirectory: String?
    /// `fds[i]` becomes descriptor `i` of the child; every other descriptor is closed.
    var fds: [Int32]
    var namespaces: Int32 = 0
    var newSession = false
    var blockInitSignals = false
}

struct SpawnError: Error, Sendable, CustomStringConvertible {
    var stage: Int32
    var code: Int32
    var path: String

    var description: String {
        let what = switch stage {
        case Int32(HANGAR_STAGE_PIPE): "pipe"
        case Int32(HANGAR_STAGE_CLONE): "clone"
        case Int32(HANGAR_STAGE_SETSID): "setsid"
        case Int32(HANGAR_STAGE_FDS): "file descriptors"
        case Int32(HANGAR_STAGE_CHDIR): "chdir"
        case Int32(HANGAR_STAGE_ARGUMENTS): "arguments"
        default: "exec \(path)"
        }
        return "\(what): \(LaunchError.message(for: code))"
    }
}

enum Spawner {
    static func spawn(_ request: SpawnRequest) throws(SpawnError) -> SpawnedProcess {
        guard !request.argv.isEmpty, request.fds.count <= Int(HANGAR_SPAWN_MAX_FDS) else {
            throw SpawnError(stage: Int32(HANGAR_STAGE_ARGUMENTS), code: EINVAL, path: request.path)
        }
        let argv = CStringArray(request.argv)
        let env = CStringArray(request.env)
        defer {
            argv.free()
            env.free()
        }
        var result = hangar_spawn_result()
        let status: Int32 = request.path.withCString { path in
            let call = { (cwd: UnsafePointer<CChar>?) -> Int32 in
                request.fds.withUnsafeBufferPointer { fds in
                    var c = hangar_spawn_request()
                    c.path = path
                    c.argv = UnsafePointer(argv.pointers)
                    c.envp = UnsafePointer(env.pointers)
                    c.cwd = cwd
                    c.fds = fds.baseAddress
                    c.fd_count = Int32(fds.count)
                    c.namespaces = request.namespaces
                    c.new_session = request.newSession ? 1 : 0
                    c.block_init_signals = request.blockInitSignals ? 1 : 0
                    return hangar_spawn(&c, &result)
                }
            }
            if let cwd = request.workingDirectory { return cwd.withCString { call($0) } }
            return call(nil)
        }
        guard status == 0 else {
            throw SpawnError(stage: result.error_stage, code: result.error_number, path: request.path)
        }
        return SpawnedProcess(pid: result.pid, pidfd: result.pidfd)
    }
}

/// A NULL-terminated `char *[]` copied from Swift strings; `free()` releases it.
struct CStringArray {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: strings.count + 1)
        for (i, string) in strings.enumerated() { pointers[i] = strdup(string) }
        pointers[strings.count] = nil
    }

    func free() {
        for i in 0..<count { Glibc.free(pointers[i]) }
        pointers.deallocate()
    }
}

extension SpawnedProcess {
    /// Waits for the child to end, reaps it and closes its pidfd. `kind` 1: exited with `value`;
    /// 2: killed by signal `value`.
    func waitForExit() -> (kind: Int32, value: Int32) {
        var kind: Int32 = 0, value: Int32 = 0
        let waited = pidfd >= 0 ? hangar_wait_pidfd(pidfd, 0, &kind, &value) : hangar_wait_pid(pid, 0, &kind, &value)
        if pidfd >= 0 { close(pidfd) }
        return waited == 0 ? (kind, value) : (2, SIGKILL)
    }
}
