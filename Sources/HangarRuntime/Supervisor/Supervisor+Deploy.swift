import FlyConfig
import Foundation
import HangarCore
import HangarStore

extension Supervisor: DeployControl {
    /// `hangar deploy`: a new release when the fly.toml or the app's files changed (or the stored
    /// release `imageRelease`), its release_command, then the machines replaced per the strategy,
    /// each batch waited for (started, checks passing) and failed at once on a crash. On failure the
    /// previous release is put back, unless `autoRollback` is off.
    public func deploy(_ request: DeployRequest) async throws(ControlError) -> DeployResult {
        guard !detached else { throw ControlError(.conflict, "the supervisor is shutting down") }
        let source = try AppSource.load(path: request.configPath)
        let name = request.appName ?? source.config.app ?? ""
        guard !name.isEmpty else {
            throw ControlError(
                .invalidConfig, "\(source.configPath) has no app name: set `app = \"name\"` or pass --app")
        }
        try storeCall { () throws(StoreError) in try NameRules.validateAppName(name) }
        if let seconds = request.waitTimeoutSeconds, !(1...86_400).contains(seconds) {
            throw ControlError(.invalid, "the wait timeout must be from 1 to 86400 seconds, got \(seconds)")
        }
        let resolved = try ModeResolver.resolve(modeRequest(.auto, app: name))
        let prepared = await serially("app:" + name) { supervisor in
            await supervisor.prepareDeploy(request, source: source, app: name, mode: resolved.mode)
        }
        switch try prepared.get() {
        case .unchanged(let result):
            return result
        case .ready(let record, let run, let notes):
            if request.detach {
                Task { _ = await self.serially("app:" + name) { await $0.runDeploy(record, run) } }
                var status = try appStatus(name)
                status.notes = notes
                return DeployResult(
                    app: name, outcome: .started, release: releaseSummary(app: name, version: record.release),
                    deploy: Self.deploySummary(record), notes: notes, status: status)
            }
            let outcome = await serially("app:" + name) { await $0.runDeploy(record, run) }
            return try finish(outcome, app: name, notes: notes)
        }
    }

    public func rollback(app: String, version: Int?, waitTimeoutSeconds: Int?) async throws(ControlError)
        -> DeployResult
    {
        let record = try requireApp(app)
        guard let configPath = record.configPath else {
            throw ControlError(.conflict, "app \(app) has no config path; run `hangar deploy` first")
        }
        let releases = try storeCall { () throws(StoreError) in try store.releases(app: app) }
        let target: Int
        if let version {
            target = version
        } else {
            let current = currentRelease(app)?.version
            guard let before = releases.first(where: { $0.status == .complete && $0.version != current && $0.plan != nil })
            else {
                throw ControlError(.conflict, "app \(app) has no earlier complete release to roll back to")
            }
            target = before.version
        }
        return try await deploy(
            DeployRequest(configPath: configPath, appName: app, waitTimeoutSeconds: waitTimeoutSeconds, imageRelease: target))
    }

    public func releases(app: String) async throws(ControlError) -> [ReleaseSummary] {
        _ = try requireApp(app)
        return try storeCall { () throws(StoreError) in try store.releases(app: app) }.map(Self.releaseSummary)
    }

    public func deploys(app: String) async throws(ControlError) -> [DeploySummary] {
        _ = try requireApp(app)
        return try storeCall { () throws(StoreError) in try store.deploys(app: app) }.map(Self.deploySummary)
    }

    // MARK: - Preparing

    enum PreparedDeploy: Sendable {
        case unchanged(DeployResult)
        case ready(DeployRecord, DeployRun, notes: [String])
    }

    /// Registers the app, decides whether there is a new release, plans the deploy (refusing a
    /// strategy the app cannot use before anything changes), records the release, runs its
    /// release_command and records the deploy.
    func prepareDeploy(_ request: DeployRequest, source: AppSource, app: String, mode: RuntimeMode) async
        -> Result<PreparedDeploy, ControlError>
    {
        do throws(ControlError) {
            if let active = try storeCall({ () throws(StoreError) in try store.activeDeploy(app: app) }) {
                throw ControlError(
                    .conflict, "app \(app) is already being deployed (release v\(active.release), \(active.step))")
            }
            try storeCall { () throws(StoreError) in
                try store.registerApp(name: app, configPath: source.configPath, directory: source.directory)
            }
            var notes = source.warnings
            let current = currentRelease(app)
            let plan: Plan
            let digest: String
            let config: String
            var description = "deploy"
            if let version = request.imageRelease {
                guard let stored = try storeCall({ () throws(StoreError) in try store.release(app: app, version: version) })
                else { throw ControlError(.notFound, "app \(app) has no release \(version)") }
                guard let text = stored.plan, let decoded = try? JSONDecoder().decode(Plan.self, from: Data(text.utf8))
                else {
                    throw ControlError(
                        .conflict, "release v\(version) of \(app) was made before releases kept their plan; it cannot be redeployed")
                }
                plan = try refreshed(decoded, app: app)
                digest = stored.digest
                config = stored.config
                description = "rollback to v\(version)"
            } else {
                let content = ReleaseContent.of(
                    configPath: source.configPath, directory: source.directory, excluding: store.location.home)
                if let current, current.digest == content.digest {
                    var status = try appStatus(app)
                    status.notes = notes
                    let message = "no changes since release v\(current.version) (fly.toml and \(content.fileCount) files): nothing to deploy"
                    return .success(
                        .unchanged(
                            DeployResult(
                                app: app, outcome: .unchanged, release: Self.releaseSummary(current), deploy: nil,
                                notes: notes + [message], status: status)))
                }
                plan = try makePlan(source: source, app: app)
                digest = content.digest
                config = ConfigRenderer.json(source.config)
            }
            let runtimeNotes = Self.unhonouredNotes(plan: plan, mode: mode)
            appRuntimes[app] = AppRuntime(mode: mode, notes: runtimeNotes)
            notes += runtimeNotes
            let strategy = request.strategy ?? plan.deploy.strategy
            let existing = try deployOrder(app: app)
            let deployPlan: DeployPlan
            do throws(DeployPlanError) {
                deployPlan = try DeployPlan.make(
                    strategy: strategy, maxUnavailable: plan.deploy.maxUnavailable,
                    groups: plan.groups.map {
                        DeployPlan.Group(
                            name: $0.name, count: $0.count, hasVolume: $0.spec.mount != nil,
                            checkCount: $0.spec.allChecks.count)
                    },
                    machines: existing.map {
                        DeployPlan.Machine(
                            id: $0.id, group: $0.group, running: machines[$0.id]?.isRunning == true,
                            hasVolume: $0.volumeID != nil)
                    })
            } catch {
                throw ControlError(.invalid, error.message)
            }
            let release = try storeCall { () throws(StoreError) in
                try store.createRelease(
                    app: app, config: config, digest: digest, status: .running, description: description,
                    user: Self.currentUser(request.user), plan: Self.encodePlan(plan))
            }
            do throws(ControlError) {
                if let note = try await executeReleaseCommand(
                    app: app, plan: plan, directory: source.directory, version: release.version)
                {
                    notes.append(note)
                }
            } catch {
                _ = try? store.setReleaseStatus(app: app, version: release.version, to: .failed)
                throw error
            }
            let seconds = request.waitTimeoutSeconds ?? Int(min(plan.deploy.waitTimeout.nanoseconds / 1_000_000_000, 86_400))
            var run = DeployRun(
                app: app, plan: deployPlan, target: Dictionary(plan.groups.map { ($0.name, $0.spec) }) { a, _ in a },
                autoRollback: request.autoRollback, waitTimeoutSeconds: max(seconds, 1), mode: mode)
            run.wasRunning = existing.filter { machines[$0.id]?.isRunning == true }.map(\.id)
            let record = try storeCall { () throws(StoreError) in
                try store.createDeploy(
                    app: app, release: release.version, previousRelease: current?.version, strategy: strategy.rawValue,
                    state: run.json)
            }
            notes.append(
                "deploying release v\(release.version) (\(strategy.rawValue), \(deployPlan.steps.count) step"
                    + "\(deployPlan.steps.count == 1 ? "" : "s"))")
            return .success(.ready(record, run, notes: notes))
        } catch {
            return .failure(error)
        }
    }

    /// A stored plan with the current scale and secret names.
    func refreshed(_ stored: Plan, app: String) throws(ControlError) -> Plan {
        let scale = try storeCall { () throws(StoreError) in try store.scale(app: app) }
        let secretNames = try storeCall { () throws(StoreError) in try store.secrets(app: app).map(\.name) }.sorted()
        var plan = stored
        for index in plan.groups.indices {
            plan.groups[index].count = scale.count(for: plan.groups[index].name)
            plan.groups[index].spec.secretNames = secretNames
        }
        return plan
    }

    /// The app's machines in the order a deploy keeps them: running ones first, then the oldest.
    func deployOrder(app: String) throws(ControlError) -> [MachineRecord] {
        let existing = try storeCall { () throws(StoreError) in try store.machines(app: app) }
        return existing.sorted { a, b in
            let (ra, rb) = (machines[a.id]?.isRunning == true, machines[b.id]?.isRunning == true)
            if ra != rb { return ra }
            return (a.createdAt, a.id) < (b.createdAt, b.id)
        }
    }

    /// The caller's answer for a deploy that ran to its end.
    func finish(_ outcome: Result<DeployRecord, ControlError>, app: String, notes: [String]) throws(ControlError)
        -> DeployResult
    {
        let record = try outcome.get()
        var status = try appStatus(app)
        status.notes = notes
        return DeployResult(
            app: app, outcome: .deployed, release: releaseSummary(app: app, version: record.release),
            deploy: Self.deploySummary(record), notes: notes + [record.message], status: status)
    }

    // MARK: - Releases as the user sees them

    /// The release the app runs: its newest complete one.
    func currentRelease(_ app: String) -> ReleaseRecord? {
        ((try? store.releases(app: app)) ?? []).first { $0.status == .complete }
    }

    func releaseSummary(app: String, version: Int) -> ReleaseSummary? {
        (try? store.release(app: app, version: version)).flatMap { $0 }.map(Self.releaseSummary)
    }

    static func releaseSummary(_ record: ReleaseRecord) -> ReleaseSummary {
        ReleaseSummary(
            version: record.version, status: record.status.rawValue, description: record.description,
            user: record.user, createdAt: record.createdAt.ISO8601Format(), digest: record.digest)
    }

    static func deploySummary(_ record: DeployRecord) -> DeploySummary {
        DeploySummary(
            id: record.id, app: record.app, release: record.release, previousRelease: record.previousRelease,
            strategy: record.strategy, status: record.status.rawValue, step: record.step, message: record.message,
            createdAt: record.createdAt.ISO8601Format(), updatedAt: record.updatedAt.ISO8601Format())
    }
}
