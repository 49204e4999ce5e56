import Dispatch
import Foundation
import GRDB
import Testing

@testable import HangarStore

@Suite struct DurabilityTests {
    @Test func readersSeeTheLastCommitWhileAWriteIsUnderWay() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.registerApp(name: "demo")
        let id = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine.id
        let inside = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let writer = WriterOutcome()
        DispatchQueue.global().async {
            do {
                _ = try store.transition(
                    machine: id, to: .started, event: .init(.start), expecting: nil, update: { _ in },
                    afterStateWrite: { _ in
                        inside.signal()
                        release.wait()
                    })
                writer.set(nil)
            } catch {
                writer.set(error)
            }
            done.signal()
        }
        inside.wait()
        // The write transaction is open and holds the new state: readers are not blocked and see the
        // committed one, from this store and from another connection pool on the same file.
        let other = try fixture.reopen()
        defer { try? other.close() }
        for reader in [store, other] {
            #expect(try reader.machine(id: id)?.state == .created)
            #expect(try reader.events(machine: id).count == 1)
        }
        let group = DispatchGroup()
        let states = Collector()
        for _ in 0..<8 {
            DispatchQueue.global().async(group: group) {
                states.add((try? store.machine(id: id)?.state) ?? nil)
            }
        }
        group.wait()
        #expect(states.values == Array(repeating: .created, count: 8))
        release.signal()
        done.wait()
        #expect(writer.error == nil)
        #expect(try store.machine(id: id)?.state == .started)
        #expect(try other.machine(id: id)?.state == .started)
        #expect(try other.events(machine: id).count == 2)
    }

    @Test func committedDataSurvivesACrashWithoutCheckpoint() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.registerApp(name: "demo")
        let machine = try store.createMachine(app: "demo", group: "db", spec: try Specs.spec(group: "db")).machine
        let volume = try store.createVolume(app: "demo", name: "data", sizeGB: 3)
        try store.attach(volume: volume.id, to: machine.id)
        try store.transition(machine: machine.id, to: .started, event: .init(.start)) {
            $0.pid = 1234
            $0.pidStartTime = 987_654
        }
        try store.setSecrets(app: "demo", ["TOKEN": "kept"])
        try store.setScale(app: "demo", counts: ["db": 1])
        // The commits sit in the WAL; the database file alone does not have them yet.
        let wal = StoreFixture.bytes(fixture.location.databasePath + "-wal")
        #expect(!wal.isEmpty)
        // A crash is the files as they are now, with no close and no checkpoint: copy them.
        let crashed = try StoreFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: crashed) }
        for name in ["hangar.db", "hangar.db-wal", "secret.key"] {
            try FileManager.default.copyItem(atPath: fixture.home + "/" + name, toPath: crashed + "/" + name)
        }
        let recovered = try HangarStore.open(at: StoreLocation(home: crashed), environment: [:])
        defer { try? recovered.close() }
        let read = try #require(try recovered.machine(id: machine.id))
        #expect(read.state == .started && read.pid == 1234 && read.pidStartTime == 987_654)
        #expect(read.volumeID == volume.id)
        #expect(try recovered.events(machine: machine.id).map(\.type) == [.start, .launch])
        #expect(try recovered.volume(id: volume.id)?.sizeGB == 3)
        #expect(try recovered.secretValues(app: "demo") == ["TOKEN": "kept"])
        #expect(try recovered.scale(app: "demo").count(for: "db") == 1)
    }
}

/// Thread-safe boxes for results produced on other threads.
final class WriterOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    func set(_ error: (any Error)?) { lock.withLock { stored = error } }
    var error: (any Error)? { lock.withLock { stored } }
}

final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [MachineState?] = []
    func add(_ value: MachineState?) { lock.withLock { stored.append(value) } }
    var values: [MachineState?] { lock.withLock { stored } }
}
