import GRDB

/// `hangar secrets deploy`: staged secrets become deployed.
extension HangarStore {
    /// Marks every staged secret of `app` as deployed and returns their names (empty when none was staged).
    @discardableResult
    public func deployStagedSecrets(app: String) throws(StoreError) -> [String] {
        try NameRules.validateAppName(app)
        let now = StoreClock.millis(StoreClock.now())
        return try write("deploying the staged secrets of \(app)") { db in
            _ = try Self.requireApp(db, app)
            let names = try String.fetchAll(
                db, sql: "SELECT name FROM secrets WHERE app = ? AND staged = 1 ORDER BY name", arguments: [app])
            if !names.isEmpty {
                try db.execute(
                    sql: "UPDATE secrets SET staged = 0, updated_at = ? WHERE app = ? AND staged = 1", arguments: [now, app])
            }
            return names
        }
    }
}
