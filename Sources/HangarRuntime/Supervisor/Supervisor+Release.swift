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
        guard let argv = plan.deploy.releaseCommand, !argv.isEmpty,
            let template = plan.group(plan.groups.first { $0.name == source.config.defaultProcessGroup }?.name ?? "")
                ?? plan.groups.first
        else { return [] }
        let bytes = FileManager.default.contents(atPath: source.configPath) ?? Data()
        let digest = Self.contentDigest(bytes)
        let releases = try storeCall { () throws(StoreError) in try store.releases(app: app) }
        if releases.contains(where: { $0.digest == digest && $0.status == .complete }) { return [] }
        let release = try storeCall { () throws(StoreError) in
            try store.createRelease(
                app: app, config: ConfigRenderer.json(source.config), digest: digest, status: .running)
        }

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
            machineID: id, version: "release-\(release.version)", privateIP: "127.0.0.1",
            imageRef: MachineEnvironment.imageRef(app: app, version: "release-\(release.version)"), port: port,
            volumePath: nil)
        var env = MachineEnvironment.compose(
            spec: spec, secrets: secrets, identity: identity, base: options.baseEnvironment)
        env["RELEASE_COMMAND"] = "1"
        let directory = runDirectory(of: id)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let outputPath = directory + "/release.out"
        let launch = LaunchSpec(
            id: id, argv: argv, env: env, workingDirectory: source.directory, mode: .shared(port: port),
            resources: ResourceLimits(
                memoryMB: spec.guest.memoryMB, cpus: spec.guest.cpus,
                cpuKind: spec.guest.cpuKind == "performance" ? .performance : .shared),
            volume: nil, hosts: hostsEntries(app), runDirectory: directory,
            stdout: .file(path: outputPath), stderr: .file(path: outputPath), initExecutable: options.initExecutable)

        let exit = await Self.runToCompletion(launch, timeout: plan.deploy.releaseCommandTimeout)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: directory)
        let command = argv.joined(separator: " ")
        switch exit {
        case .success(.exited(0)):
            _ = try? store.setReleaseStatus(app: app, version: release.version, to: .complete)
            return ["release_command `\(command)` succeeded (release v\(release.version))"]
        case .success(let info):
            _ = try? store.setReleaseStatus(app: app, version: release.version, to: .failed)
            throw ControlError(
                .failed,
                "release_command `\(command)` failed: \(info); nothing was changed. Last output:\n"
                    + Self.lastLines(output, 10))
        case .failure(let error):
            _ = try? store.setReleaseStatus(app: app, version: release.version, to: .failed)
            throw ControlError(.failed, "release_command `\(command)` could not start: \(error)")
        }
    }

    static let releaseGroup = "fly_app_release_command"

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
