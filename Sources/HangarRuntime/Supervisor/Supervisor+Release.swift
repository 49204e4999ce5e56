import FlyConfig
import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    /// Runs `[deploy] release_command` once for each new release of the app, before its machines are
    /// touched, as `fly deploy` does: in a temporary machine with no volume, `RELEASE_COMMAND=1`,
    /// `FLY_PROCESS_GROUP=fly_app_release_command`, the app's env and secrets, and
    /// `release_command_timeout`. A release is new when the config file's content changed since the
    /// last release whose command succeeded. A failure stops `up`: nothing else changes.
    func runReleaseCommand(app: String, plan: Plan, source: AppSource) async throws(ControlError) -> [String] {
        guard let argv = plan.deploy.releaseCommand, !argv.isEmpty else { return [] }
        let bytes = FileManager.default.contents(atPath: source.configPath) ?? Data()
        let digest = Self.contentDigest(bytes)
        let releases = try storeCall { () throws(StoreError) in try store.releases(app: app) }
        if releases.contains(where: { $0.digest == digest && $0.status == .complete }) { return [] }
        let release = try storeCall { () throws(StoreError) in
            try store.createRelease(
                app: app, config: ConfigRenderer.json(source.config), digest: digest, status: .running,
                description: "up", user: Self.currentUser(nil), plan: Self.encodePlan(plan))
        }
        do throws(ControlError) {
            let note = try await executeReleaseCommand(
                app: app, plan: plan, directory: source.directory, version: release.version)
            _ = try? store.setReleaseStatus(app: app, version: release.version, to: .complete)
            return note.map { [$0] } ?? []
        } catch {
            _ = try? store.setReleaseStatus(app: app, version: release.version, to: .failed)
            throw error
        }
    }

    /// Runs the plan's release command for release `version` in a temporary machine and waits for
    /// it. Its output goes to the app's logs as it comes (group `fly_app_release_command`). Returns a
    /// note, or nil when the plan has no release command; throws with the exit and the last output
    /// lines when it fails.
    func executeReleaseCommand(app: String, plan: Plan, directory workingDirectory: String, version: Int) async
        throws(ControlError) -> String?
    {
        guard let argv = plan.deploy.releaseCommand, !argv.isEmpty,
            let template = plan.groups.first(where: { $0.name == "app" })
                ?? plan.groups.min(by: { $0.name < $1.name })
        else { return nil }
        var spec = template.spec
        spec.group = Self.releaseGroup
        spec.mount = nil
        spec.env["FLY_PROCESS_GROUP"] = Self.releaseGroup
        spec.env["RELEASE_COMMAND"] = "1"
        if let guest = plan.deploy.releaseCommandGuest { spec.guest = guest }
        let id = Identifiers.machineID()
        let port: Int
        do throws(LaunchError) {
            port = try PortAllocator.freePort()
        } catch {
            throw ControlError(.failed, "no free port for the release command: \(error)")
        }
        let secrets = try storeCall { () throws(StoreError) in try store.secretValues(app: app) }
        let identity = MachineEnvironment.Identity(
            machineID: id, version: "release-\(version)", privateIP: "127.0.0.1",
            imageRef: MachineEnvironment.imageRef(app: app, version: "release-\(version)"), port: port,
            volumePath: nil)
        var env = MachineEnvironment.compose(
            spec: spec, secrets: secrets, identity: identity, base: options.baseEnvironment)
        env["RELEASE_COMMAND"] = "1"
        let directory = runDirectory(of: id)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let writer = try? LogWriter(directory: logDirectory, app: app, machineID: id, processGroup: Self.releaseGroup)
        let output = writer.map { MachineOutput(writer: $0, runDirectory: directory, resume: false) }
        let fallback = directory + "/release.out"
        let launch = LaunchSpec(
            id: id, argv: argv, env: env, workingDirectory: workingDirectory, mode: .shared(port: port),
            resources: ResourceLimits(
                memoryMB: spec.guest.memoryMB, cpus: spec.guest.cpus,
                cpuKind: spec.guest.cpuKind == "performance" ? .performance : .shared),
            volume: nil, hosts: hostsEntries(app), runDirectory: directory,
            stdout: .file(path: output?.path(.stdout) ?? fallback),
            stderr: .file(path: output?.path(.stderr) ?? fallback), initExecutable: options.initExecutable)
        writer?.write(runnerMessage: "Running release_command `\(argv.joined(separator: " "))` for release v\(version)")
        if let output { outputPoller.register(id, output) }
        let exit = await Self.runToCompletion(launch, timeout: plan.deploy.releaseCommandTimeout)
        outputPoller.finish(id)
        output?.poll(final: true)
        switch exit {
        case .success(let info): writer?.write(runnerMessage: "release_command ended: \(info)")
        case .failure(let error): writer?.write(runnerMessage: "release_command could not start: \(error)")
        }
        writer?.close()
        var text = (try? String(contentsOfFile: fallback, encoding: .utf8)) ?? ""
        if output != nil {
            let filter = LogFilter(machineIDs: [id])
            text = ((try? LogReader(directory: logDirectory).tail(200, filter: filter)) ?? [])
                .filter { $0.source == .app }.map(\.message).joined(separator: "\n")
        }
        try? FileManager.default.removeItem(atPath: directory)
        let command = argv.joined(separator: " ")
        switch exit {
        case .success(.exited(0)):
            return "release_command `\(command)` succeeded (release v\(version))"
        case .success(let info):
            throw ControlError(
                .failed,
                "release_command `\(command)` failed: \(info); nothing was changed. Last output:\n"
                    + Self.lastLines(text, 10))
        case .failure(let error):
            throw ControlError(.failed, "release_command `\(command)` could not start: \(error)")
        }
    }

    static let releaseGroup = "fly_app_release_command"

    /// The plan as JSON for a release (what a rollback redeploys).
    static func encodePlan(_ plan: Plan) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(plan)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Who a release is by: the caller's name, else the daemon's user.
    static func currentUser(_ given: String?) -> String {
        if let given, !given.isEmpty { return given }
        let environment = ProcessInfo.processInfo.environment
        return environment["USER"] ?? environment["LOGNAME"] ?? "root"
    }

    /// Starts the machine and waits for it, killing it after `timeout`.
    static func runToCompletion(_ spec: LaunchSpec, timeout: FlyDuration) async -> Result<ExitInfo, LaunchError> {
        let started = await Blocking.run {
            Result<MachineProcess, LaunchError> { () throws(LaunchError) in try MachineProcess.start(spec: spec) }
        }
        guard case .success(let process) = started else {
            if case .failure(let error) = started { return .failure(error) }
            return .failure(.invalidSpec("release machine did not start"))
        }
        let limit = max(timeout.nanoseconds, 1_000_000_000)
        let info = await withTaskGroup(of: ExitInfo?.self) { group -> ExitInfo in
            group.addTask { await process.wait() }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(limit))
                if Task.isCancelled { return nil }
                _ = await process.kill()
                return .killedAfterTimeout
            }
            var result: ExitInfo = .killedAfterTimeout
            for await value in group {
                if let value {
                    result = value
                    break
                }
            }
            group.cancelAll()
            return result
        }
        return .success(info)
    }

    /// FNV-1a over the config file: enough to tell one release's config from another's.
    static func contentDigest(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    static func lastLines(_ text: String, _ n: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(n + 1).joined(separator: "\n")
    }
}
