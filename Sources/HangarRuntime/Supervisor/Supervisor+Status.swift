import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    public func status(app: String) async throws(ControlError) -> AppStatus {
        _ = try requireApp(app)
        return try appStatus(app)
    }

    public func apps() async -> [AppSummary] {
        let records = (try? store.apps()) ?? []
        return records.map { app in
            let machines = (try? store.machines(app: app.name)) ?? []
            return AppSummary(
                name: app.name, configPath: app.configPath ?? "", machines: machines.count,
                started: machines.filter { $0.state == .started }.count)
        }
    }

    /// The app as the store and the running handles show it now.
    func appStatus(_ app: String) throws(ControlError) -> AppStatus {
        let records = try storeCall { () throws(StoreError) in try store.machines(app: app) }
        let mode = mode(ofApp: app, records: records) ?? (try? ModeResolver.resolve(.auto).mode) ?? .shared
        var status = AppStatus(
            app: app, mode: mode, machines: records.map(machineStatus), notes: appRuntimes[app]?.notes ?? [])
        status.release = currentRelease(app).map(Self.releaseSummary)
        status.deploy = (try? store.activeDeploy(app: app)).flatMap { $0 }.map(Self.deploySummary)
        return status
    }

    /// One machine for `status`: the stored state, plus the checks and port of its current run.
    func machineStatus(_ record: MachineRecord) -> MachineStatus {
        let entry = machines[record.id]
        let running = entry?.isRunning == true
        let checks = (running ? entry?.checkStates ?? [] : []).map { state in
            MachineCheckStatus(
                name: state.name, status: state.status.rawValue, output: state.result.output,
                updatedAt: state.lastChanged.ISO8601Format())
        }
        return MachineStatus(
            id: record.id, group: record.group, version: record.version, region: MachineEnvironment.region,
            state: record.state.rawValue, checks: checks, memoryMB: record.spec.guest.memoryMB,
            address: record.privateAddress, port: running ? entry?.port : nil, volume: record.volumeID,
            updatedAt: record.updatedAt.ISO8601Format(), lastExit: record.exit?.reason)
    }
}
