import Foundation
import HangarCore
import HangarStore

/// Secrets with staging, and the roll that makes running machines pick a change up.
extension Supervisor {
    /// Sets and unsets secrets in one call. Unless `stage`, the app's running machines are then
    /// rolled (health-gated, in deploy batches) so they see the new values.
    public func updateSecrets(app: String, set values: [String: String], unset names: [String], stage: Bool)
        async throws(ControlError) -> SecretsUpdate
    {
        _ = try requireApp(app)
        guard !values.isEmpty || !names.isEmpty else {
            throw ControlError(.invalid, "no secrets given: expected NAME=VALUE pairs or names to unset")
        }
        var changed: [String] = []
        if !values.isEmpty {
            changed += try storeCall { () throws(StoreError) in try store.setSecrets(app: app, values, stage: stage) }.changed
        }
        if !names.isEmpty {
            changed += try storeCall { () throws(StoreError) in try store.unsetSecrets(app: app, names: names) }.removed
        }
        var restarted: [String] = []
        if !stage, !changed.isEmpty {
            // Anything staged before is deployed by this roll too.
            _ = try storeCall { () throws(StoreError) in try store.deployStagedSecrets(app: app) }
            restarted = try await rollForSecrets(app: app, reason: "secrets changed")
        }
        return SecretsUpdate(secrets: try stagedSummaries(app), changed: changed.sorted(), restarted: restarted)
    }

    /// Applies staged secrets: marks them deployed and rolls the machines. Nothing to do when none is staged.
    public func deploySecrets(app: String) async throws(ControlError) -> SecretsUpdate {
        _ = try requireApp(app)
        let names = try storeCall { () throws(StoreError) in try store.deployStagedSecrets(app: app) }
        var restarted: [String] = []
        if !names.isEmpty { restarted = try await rollForSecrets(app: app, reason: "staged secrets deployed") }
        return SecretsUpdate(secrets: try stagedSummaries(app), changed: names, restarted: restarted)
    }

    /// The secrets with their staging.
    public func stagedSecrets(app: String) async throws(ControlError) -> [SecretSummary] {
        _ = try requireApp(app)
        return try stagedSummaries(app)
    }

    func stagedSummaries(_ app: String) throws(ControlError) -> [SecretSummary] {
        try storeCall { () throws(StoreError) in try store.secrets(app: app) }.map { secret in
            SecretSummary(
                name: secret.name, digest: secret.digest, createdAt: secret.createdAt.ISO8601Format(),
                updatedAt: secret.updatedAt.ISO8601Format(), staged: secret.staged)
        }
    }

    /// Rolls the app's running machines (the deploy engine's health-gated rolling restart) so they
    /// pick up the secrets; returns the machines that were running and so were restarted.
    func rollForSecrets(app: String, reason: String) async throws(ControlError) -> [String] {
        let records = try storeCall { () throws(StoreError) in try store.machines(app: app) }
        let running = records.filter { $0.state == .started || $0.state == .starting }.map(\.id).sorted()
        guard !running.isEmpty else { return [] }
        _ = try await rollMachines(app: app, reason: reason)
        return running
    }
}
