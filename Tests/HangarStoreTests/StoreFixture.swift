import FlyConfig
import Foundation
import HangarCore
import Testing

@testable import HangarStore

/// A store in a fresh temporary directory, removed when the fixture is released.
final class StoreFixture {
    let home: String
    let store: HangarStore
    let environment: [String: String]

    init(environment: [String: String] = [:]) throws {
        home = try Self.makeTemporaryDirectory()
        self.environment = environment
        store = try HangarStore.open(at: StoreLocation(home: home), environment: environment)
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(atPath: home)
    }

    var location: StoreLocation { store.location }

    /// Opens a second store on the same files (another process, as far as SQLite can tell).
    func reopen(environment: [String: String]? = nil) throws -> HangarStore {
        try HangarStore.open(at: StoreLocation(home: home), environment: environment ?? self.environment)
    }

    static func makeTemporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "hangar-store-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The raw bytes of a file (empty when it does not exist).
    static func bytes(_ path: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return Array(data)
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}

extension Array where Element == UInt8 {
    func contains(bytes needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        var index = 0
        while index + needle.count <= count {
            if self[index] == needle[0], Array(self[index..<index + needle.count]) == needle { return true }
            index += 1
        }
        return false
    }
}

/// Machine specs made the way the runtime makes them: from a fly.toml through `Plan.make`.
enum Specs {
    static func config(app: String) -> String {
        """
        app = "\(app)"
        primary_region = "ams"

        [processes]
        web = "python3 -m http.server 8080"
        db = "sleep infinity"

        [[mounts]]
        source = "data"
        destination = "/data"
        processes = ["db"]
        """
    }

    static func spec(app: String = "demo", group: String = "web") throws -> MachineSpec {
        let loaded = FlyConfigLoader.load(text: config(app: app))
        let config = try #require(loaded.config, "\(loaded.diagnostics)")
        let plan = try Plan.make(config: config)
        return try #require(plan.group(group)).spec
    }
}

/// Expects `body` to throw a `StoreError` of `kind` whose message contains `fragment`.
func expectStoreError(
    _ kind: StoreError.Kind, containing fragment: String = "", sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected a \(kind) error", sourceLocation: sourceLocation)
    } catch let error as StoreError {
        #expect(error.kind == kind, "\(error.message)", sourceLocation: sourceLocation)
        #expect(
            fragment.isEmpty || error.message.contains(fragment), "message: \(error.message)",
            sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a StoreError, got \(error)", sourceLocation: sourceLocation)
    }
}
