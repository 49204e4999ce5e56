import CHangarShim
import Foundation

extension MachineProcess {
    /// Starts a Machine and returns once its app has been exec'd (or has failed to be: `wait()`
    /// then reports `.execFailed`). Throws, leaving nothing behind, when the Machine cannot be
    /// set up. Blocks the calling thread for the setup (tens of milliseconds, `ip` included).
    ///
    /// The sequence: cgroups with limits → clone the init into new namespaces (it waits for its
    /// spec) → move it into the cgroups → connect its network namespace → send the spec → the
    /// init mounts, starts the app and reports.
    public static func start(spec: LaunchSpec) throws(LaunchError) -> MachineProcess {
        try validate(spec)
        let limiter = spec.limiter ?? ResourceLimiter.host
        try prepareFiles(spec)
        let group = try ResourceGroup.create(limiter, name: spec.id, limits: spec.resources)

        var parentFDs: [Int32] = []
        var childFDs: [Int32] = []
        func closeAll(_ fds: inout [Int32]) {
            for fd in fds { close(fd) }
            fds = []
        }
        let child: SpawnedProcess
        let specWrite: Int32, statusRead: Int32
        do {
            let null = try FileDescriptors.openNull()
            childFDs.append(null)
            let out = try logDescriptor(spec.stdout, null: null, opened: &childFDs)
            let err = try logDescriptor(spec.stderr, null: null, opened: &childFDs)
            let specPipe = try FileDescriptors.pipe()
            childFDs.append(specPipe.read)
            parentFDs.append(specPipe.write)
            let statusPipe = try FileDescriptors.pipe()
            childFDs.append(statusPipe.write)
            parentFDs.append(statusPipe.read)
            specWrite = specPipe.write
            statusRead = statusPipe.read
            do {
                child = try Spawner.spawn(SpawnRequest(
                    path: spec.initExecutable, argv: ["hangar", "_machine-init", spec.id],
                    env: ["HANGAR_MACHINE_INIT=1"], workingDirectory: "/",
                    fds: [null, out, err, specPipe.read, statusPipe.write],
                    namespaces: spec.mode.isIsolated ? allNamespaces : 0,
                    newSession: true, blockInitSignals: true))
            } catch {
                throw LaunchError.system("start the machine init (\(spec.initExecutable)): \(error.description)", error.code)
            }
        } catch {
            closeAll(&childFDs)
            closeAll(&parentFDs)
            group.remove()
            throw error as? LaunchError ?? .setupFailed(String(describing: error))
        }
        closeAll(&childFDs)

        var appPID: Int32?
        var statuses: [InitProtocol.Status] = []
        do {
            guard let stat = ProcStat.read(pid: child.pid) else { throw LaunchError.setupFailed("the machine init vanished") }
            try group.add(pid: child.pid)
            if case .isolated(let address) = spec.mode { try MachineNetwork.setUp(address, pid: child.pid) }
            try FileDescriptors.writeAll(specWrite, initSpec(spec, limiter: limiter).encoded())
            close(specWrite)
            parentFDs.removeAll { $0 == specWrite }

            guard let line = FileDescriptors.readLine(statusRead, timeoutMS: 30_000),
                  let status = InitProtocol.Status(line: Substring(line))
            else { throw LaunchError.setupFailed("the machine init exited before starting the app (see the machine's log)") }
            switch status {
            case .running(let pid): appPID = pid
            case .setupFailed(let code, let what): throw LaunchError.setupFailed("\(what): \(LaunchError.message(for: code))")
            default: break
            }
            statuses.append(status)

            let process = MachineProcess(
                spec: spec, pid: child.pid, pidfd: child.pidfd, startTime: stat.startTime, group: group,
                statusFD: statusRead, state: State(appPID: appPID, statuses: statuses))
            ProcessReaper.shared.watch(pid: child.pid, pidfd: child.pidfd) { process.finish() }
            return process
        } catch {
            abandon(child, group: group, spec: spec)
            closeAll(&parentFDs)
            throw error as? LaunchError ?? .setupFailed(String(describing: error))
        }
    }

    /// Re-attaches to a Machine started by an earlier launcher (after a daemon restart). Its init
    /// must still be the same process (`pid` and `startTime`). Its exit status is read from the
    /// exit file the init writes, since only its original parent could reap it.
    public static func adopt(spec: LaunchSpec, pid: Int32, startTime: UInt64) throws(LaunchError) -> MachineProcess {
        guard isAlive(pid: pid, startTime: startTime) else { throw .notRunning(spec.id) }
        let pidfd = hangar_pidfd_open(pid)
        // The pidfd pins the process: check again that it is the one we meant.
        guard isAlive(pid: pid, startTime: startTime) else {
            if pidfd >= 0 { close(pidfd) }
            throw .notRunning(spec.id)
        }
        let group = ResourceGroup.locate(pid: pid, limiter: spec.limiter ?? ResourceLimiter.host)
        let process = MachineProcess(
            spec: spec, pid: pid, pidfd: pidfd, startTime: startTime, group: group, statusFD: -1,
            state: State(appPID: oldestChild(of: pid)))
        ProcessReaper.shared.watch(pid: pid, pidfd: pidfd) { process.finish() }
        return process
    }

    /// What this spec asks for that the host or the mode cannot give, in words for the user.
    public static func unhonoured(_ spec: LaunchSpec, limiter: ResourceLimiter = .host) -> [String] {
        var notes: [String] = []
        if case .shared = spec.mode {
            if let volume = spec.volume {
                notes.append("volume not mounted at \(volume.destination) (shared mode has no mount namespace); it is at \(volume.source)")
            }
            notes.append("no private address: the app must listen on $PORT")
            if !spec.hosts.isEmpty { notes.append(".internal names are not resolvable (no private /etc/hosts)") }
        }
        if spec.resources.memoryBytes != nil && limiter.v1Parents["memory"] == nil && !limiter.v2Controllers.contains("memory") {
            notes.append(spec.resources.addressSpaceFallback
                ? "memory limited as address space (RLIMIT_AS), not resident memory (no writable memory cgroup)"
                : "memory limit not enforced (no writable memory cgroup)")
        }
        if limiter.v1Parents["cpu"] == nil && !limiter.v2Controllers.contains("cpu") {
            notes.append("CPU limit not enforced (no writable cpu cgroup)")
        }
        return notes
    }

    static let allNamespaces = Int32(HANGAR_NS_MOUNT | HANGAR_NS_NET | HANGAR_NS_PID | HANGAR_NS_UTS | HANGAR_NS_IPC)

    static func validate(_ spec: LaunchSpec) throws(LaunchError) {
        guard ResourceGroup.isValidName(spec.id) else {
            throw .invalidSpec("machine id \(spec.id.debugDescription) must be 1-64 letters, digits, '-', '_' or '.'")
        }
        guard let command = spec.argv.first, !command.isEmpty else { throw .invalidSpec("empty command") }
        guard spec.workingDirectory.hasPrefix("/") else {
            throw .invalidSpec("working directory \(spec.workingDirectory.debugDescription) is not absolute")
        }
        guard spec.runDirectory.hasPrefix("/") else { throw .invalidSpec("run directory must be absolute") }
        for key in spec.env.keys where key.isEmpty || key.contains("=") {
            throw .invalidSpec("environment name \(key.debugDescription)")
        }
        if let volume = spec.volume {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: volume.source, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .invalidSpec("volume directory \(volume.source) does not exist")
            }
            let parts = volume.destination.split(separator: "/")
            guard volume.destination.hasPrefix("/"), !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else {
                throw .invalidSpec("volume destination \(volume.destination.debugDescription) must be an absolute path other than /")
            }
        }
        if spec.mode.isIsolated {
            guard geteuid() == 0 else { throw .isolationUnavailable("it needs root (run as root or use --mode shared)") }
        }
        if case .shared(let port) = spec.mode, !(1...65535).contains(port) {
            throw .invalidSpec("port \(port)")
        }
    }

    /// The run directory, a fresh hosts file, and the volume's mount point.
    static func prepareFiles(_ spec: LaunchSpec) throws(LaunchError) {
        do {
            try FileManager.default.createDirectory(atPath: spec.runDirectory, withIntermediateDirectories: true)
        } catch {
            throw .system("create \(spec.runDirectory)", EIO)
        }
        unlink(exitPath(spec))
        guard case .isolated(let address) = spec.mode else { return }
        try HostsFile.write(HostsFile.render(machineID: spec.id, address: address, entries: spec.hosts), to: hostsPath(spec))
        if let volume = spec.volume, !FileManager.default.fileExists(atPath: volume.destination) {
            // The mount point has to exist in the shared root filesystem: an empty directory,
            // visible (empty) on the host; the volume's content is only visible inside.
            do {
                try FileManager.default.createDirectory(atPath: volume.destination, withIntermediateDirectories: true)
            } catch {
                throw .system("create mount point \(volume.destination)", EIO)
            }
        }
    }

    static func initSpec(_ spec: LaunchSpec, limiter: ResourceLimiter) -> InitProtocol.Spec {
        var env = spec.env
        if case .shared(let port) = spec.mode, env["PORT"] == nil { env["PORT"] = String(port) }
        var initSpec = InitProtocol.Spec(
            argv: spec.argv, env: env.keys.sorted().map { "\($0)=\(env[$0] ?? "")" },
            workingDirectory: spec.workingDirectory, exitFile: exitPath(spec))
        switch spec.mode {
        case .isolated:
            initSpec.hostname = spec.id
            initSpec.makeMountsSlave = true
            initSpec.mountProc = true
            initSpec.hostsFile = hostsPath(spec)
            if let volume = spec.volume {
                initSpec.volumeSource = volume.source
                initSpec.volumeDestination = volume.destination
            }
        case .shared:
            initSpec.subreaper = true
        }
        let memoryCgroup = limiter.v1Parents["memory"] != nil || limiter.v2Controllers.contains("memory")
        if !memoryCgroup, spec.resources.addressSpaceFallback, let bytes = spec.resources.memoryBytes {
            initSpec.addressSpaceLimit = bytes
        }
        return initSpec
    }

    static func logDescriptor(_ target: LogTarget, null: Int32, opened: inout [Int32]) throws(LaunchError) -> Int32 {
        switch target {
        case .null: return null
        case .descriptor(let fd): return fd
        case .file(let path):
            let fd = try FileDescriptors.openAppend(path)
            opened.append(fd)
            return fd
        }
    }

    /// Undoes a half-done start: kill and reap the init, remove its cgroups and network.
    static func abandon(_ child: SpawnedProcess, group: ResourceGroup, spec: LaunchSpec) {
        if child.pidfd >= 0 { hangar_pidfd_send_signal(child.pidfd, SIGKILL) } else { Glibc.kill(child.pid, SIGKILL) }
        var kind: Int32 = 0, value: Int32 = 0
        if child.pidfd >= 0 {
            hangar_wait_pidfd(child.pidfd, 0, &kind, &value)
            close(child.pidfd)
        } else {
            hangar_wait_pid(child.pid, 0, &kind, &value)
        }
        group.killAll()
        group.remove()
        if case .isolated(let address) = spec.mode { MachineNetwork.tearDown(address) }
        unlink(exitPath(spec))
    }

    /// The oldest child of `pid` (the app, for an adopted init).
    static func oldestChild(of pid: Int32) -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }
            .compactMap { ProcStat.read(pid: $0) }
            .filter { $0.parent == pid }
            .min { $0.startTime < $1.startTime }?.pid
    }
}

extension ResourceLimiter {
    /// This host's limiter, detected once.
    public static let host = ResourceLimiter.detect()
}
