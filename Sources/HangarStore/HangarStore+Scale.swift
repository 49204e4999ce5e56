import GRDB
import HangarCore

extension HangarStore {
    /// The largest count `setScale` accepts for one group (the same bound as `GroupScale.parse`).
    public static let maxGroupCount = 1000

    /// Sets the machine count of the given groups (others keep theirs, as `fly scale count` does) and
    /// returns the app's whole scale.
    @discardableResult
    public func setScale(app: String, counts: [String: Int]) throws(StoreError) -> GroupScale {
        try NameRules.validateAppName(app)
        for (group, count) in counts.sorted(by: { $0.key < $1.key }) {
            try NameRules.validateGroupName(group)
            guard (0...Self.maxGroupCount).contains(count) else {
                throw .invalid("invalid count \(count) for group \(group): expected 0 to \(Self.maxGroupCount)")
            }
        }
        return try write("setting the scale of \(app)") { db in
            _ = try Self.requireApp(db, app)
            for (group, count) in counts {
                try db.execute(
                    sql: """
                        INSERT INTO scale (app, process_group, count) VALUES (?, ?, ?)
                        ON CONFLICT(app, process_group) DO UPDATE SET count = excluded.count
                        """,
                    arguments: [app, group, count])
            }
            return try Self.fetchScale(db, app)
        }
    }

    /// The app's scale; groups never scaled are absent (they run `GroupScale.defaultCount`).
    public func scale(app: String) throws(StoreError) -> GroupScale {
        try NameRules.validateAppName(app)
        return try read("reading the scale of \(app)") { db in
            _ = try Self.requireApp(db, app)
            return try Self.fetchScale(db, app)
        }
    }

    static func fetchScale(_ db: Database, _ app: String) throws -> GroupScale {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT process_group, count FROM scale WHERE app = ?", arguments: [app]) {
            counts[try row.decode(forColumn: "process_group")] = try row.decode(forColumn: "count")
        }
        return GroupScale(counts, guests: try fetchGuests(db, app))
    }
}
