import Foundation
import GRDB
import Testing

@testable import HangarStore

@Suite struct MachineTests {
    struct InjectedFailure: Error {}

    func storeWithApp() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.store.registerApp(name: "demo")
        return fixture
    }

    @Test func creatingRecordsALaunchEvent() throws {
        let fixture = try storeWithApp()
        let spec = try Specs.spec()
        let created = try fixture.store.createMachine(
            app: "demo", group: "web", spec: spec, privateAddress: "169.254.10.2")
        #expect(created.machine.state == .created)
        #expect(created.machine.spec == spec)
        #expect(created.machine.version.count == 26)
        #expect(created.machine.privateAddress == "169.254.10.2")
        #expect(created.event.type == .launch && created.event.status == .created && created.event.source == .user)
        #expect(created.event.payload.version == created.machine.version)
        #expect(try fixture.store.machine(id: created.machine.id) == created.machine)
        #expect(try fixture.store.events(machine: created.machine.id) == [created.event])
    }

    @Test func specMustMatchTheAppAndGroup() throws {
        let fixture = try storeWithApp()
        expectStoreError(.invalidInput, containing: "spec is for") {
            _ = try fixture.store.createMachine(app: "demo", group: "db", spec: try Specs.spec(group: "web"))
        }
        expectStoreError(.notFound, containing: "not registered") {
            _ = try fixture.store.createMachine(app: "ghost", group: "web", spec: try Specs.spec(app: "ghost"))
        }
        #expect(try fixture.store.allMachines(includeDestroyed: true).isEmpty)
    }

    @Test func transitionWritesStateAndEventTogether() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        let id = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine.id
        try store.transition(machine: id, to: .starting, event: .init(.start))
        let started = try store.transition(machine: id, to: .started, event: .init(.start, source: .hangar)) {
            $0.pid = 4242
            $0.pidStartTime = UInt64(Int64.max) + 7
        }
        #expect(started.machine.state == .started && started.event.status == .started)
        let exit = MachineExit(code: nil, signal: 9, reason: "killed by SIGKILL")
        let stopped = try store.transition(
            machine: id, to: .stopped, event: .init(.exit, payload: EventPayload(exit: exit, restarting: false))
        ) {
            $0.pid = nil
            $0.exit = exit
            $0.restartCount = 3
            $0.restartWindowStart = Date(timeIntervalSince1970: 1_800_000_000)
        }
        let read = try #require(try store.machine(id: id))
        #expect(read == stopped.machine)
        #expect(read.pid == nil && read.pidStartTime == UInt64(Int64.max) + 7)
        #expect(read.exit?.signal == 9 && read.exit?.code == nil && read.exit?.oomKilled == false)
        #expect(read.restartCount == 3)
        let events = try store.events(machine: id)
        #expect(events.map(\.type) == [.exit, .start, .start, .launch])
        #expect(events.map(\.status) == [.stopped, .started, .starting, .created])
        #expect(events.first?.payload.signal == 9)
        #expect(events.first?.payload.reason == "killed by SIGKILL")
        #expect(try store.events(app: "demo").map(\.id) == events.map(\.id).reversed())
        #expect(try store.events(app: "demo", after: events[1].id).map(\.id) == [events[0].id])
    }

    @Test func identityFieldsCannotBeChangedByATransition() throws {
        let fixture = try storeWithApp()
        let created = try fixture.store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine
        let after = try fixture.store.transition(machine: created.id, to: .starting, event: .init(.start)) {
            $0.id = "ffffffffffffff"
            $0.app = "other"
            $0.group = "db"
            $0.version = "X"
            $0.state = .destroyed
        }.machine
        #expect(after.id == created.id && after.app == "demo" && after.group == "web")
        #expect(after.version == created.version && after.state == .starting)
    }

    @Test func aFailureAfterTheStateWriteRollsBackBoth() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        let id = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine.id
        var stateWasWritten = false
        do {
            _ = try store.transition(
                machine: id, to: .started, event: .init(.start), expecting: nil, update: { $0.pid = 77 },
                afterStateWrite: { db in
                    let state = try String.fetchOne(db, sql: "SELECT state FROM machines WHERE id = ?", arguments: [id])
                    stateWasWritten = state == "started"
                    throw InjectedFailure()
                })
            Issue.record("the injected failure did not surface")
        } catch {
            #expect(error.kind == .storage)
        }
        #expect(stateWasWritten)
        let machine = try #require(try store.machine(id: id))
        #expect(machine.state == .created && machine.pid == nil)
        #expect(try store.events(machine: id).map(\.type) == [.launch])
    }

    @Test func anInvalidEventRollsBackTheState() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        let id = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine.id
        let longReason = String(repeating: "r", count: 5000)
        expectStoreError(.invalidInput, containing: "4096") {
            try store.transition(machine: id, to: .failed, event: .init(.exit, payload: EventPayload(reason: longReason)))
        }
        #expect(try store.machine(id: id)?.state == .created)
        #expect(try store.events(machine: id).count == 1)
    }

    @Test func expectingIsACompareAndSet() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        let id = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine.id
        expectStoreError(.conflict, containing: "is created, expected started") {
            try store.transition(machine: id, to: .stopping, event: .init(.stop), expecting: [.started])
        }
        try store.transition(machine: id, to: .starting, event: .init(.start), expecting: [.created, .stopped])
        #expect(try store.machine(id: id)?.state == .starting)
    }

    @Test func destroyedMachinesNeverChange() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        let id = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine.id
        let destroyed = try store.destroyMachine(id: id)
        #expect(destroyed.machine.state == .destroyed && destroyed.event.type == .destroy)
        expectStoreError(.conflict, containing: "destroyed") {
            try store.transition(machine: id, to: .started, event: .init(.start))
        }
        expectStoreError(.conflict, containing: "destroyed") { try store.destroyMachine(id: id) }
        #expect(try store.machines(app: "demo").isEmpty)
        #expect(try store.machines(app: "demo", includeDestroyed: true).map(\.id) == [id])
    }

    @Test func updatingGivesANewVersion() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        let created = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine
        var spec = created.spec
        spec.env["NEW"] = "1"
        let updated = try store.updateMachine(id: created.id, spec: spec)
        #expect(updated.machine.version != created.version)
        #expect(updated.machine.spec.env["NEW"] == "1")
        #expect(updated.event.type == .update && updated.event.payload.version == updated.machine.version)
        expectStoreError(.invalidInput, containing: "belongs to") {
            try store.updateMachine(id: created.id, spec: try Specs.spec(group: "db"))
        }
    }

    @Test func listingFiltersByGroup() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        let web = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine
        let db = try store.createMachine(app: "demo", group: "db", spec: try Specs.spec(group: "db")).machine
        #expect(try store.machines(app: "demo", group: "web").map(\.id) == [web.id])
        #expect(Set(try store.machines(app: "demo").map(\.id)) == [web.id, db.id])
        #expect(Set(try store.allMachines().map(\.id)) == [web.id, db.id])
    }

    @Test func badRuntimeFieldsAreRefused() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        let id = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine.id
        expectStoreError(.invalidInput, containing: "pid") {
            try store.transition(machine: id, to: .started, event: .init(.start)) { $0.pid = -1 }
        }
        expectStoreError(.invalidInput, containing: "private address") {
            try store.transition(machine: id, to: .started, event: .init(.start)) { $0.privateAddress = "10.0.0.1; rm" }
        }
        expectStoreError(.invalidInput, containing: "event type") {
            try store.transition(machine: id, to: .started, event: .init(try EventType("Start!")))
        }
        #expect(try store.machine(id: id)?.state == .created)
    }
}

@Suite struct EventRetentionTests {
    @Test func pruningKeepsTheNewestEventsOfEachMachine() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.registerApp(name: "demo")
        let a = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine.id
        let b = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine.id
        for _ in 0..<5 {
            try store.transition(machine: a, to: .starting, event: .init(.restart))
            try store.transition(machine: a, to: .started, event: .init(.start))
        }
        let newest = try store.events(machine: a, limit: 3)
        #expect(try store.pruneEvents(keepingPerMachine: 3) == 8)
        #expect(try store.events(machine: a) == newest)
        #expect(try store.events(machine: b).map(\.type) == [.launch])
        expectStoreError(.invalidInput) { try store.pruneEvents(keepingPerMachine: 0) }
    }

    @Test func purgingForgetsOnlyOldDestroyedMachines() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.registerApp(name: "demo")
        let gone = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine.id
        let live = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine.id
        try store.destroyMachine(id: gone)
        #expect(try store.purgeDestroyedMachines(before: Date(timeIntervalSince1970: 0)) == 0)
        #expect(try store.purgeDestroyedMachines(before: Date().addingTimeInterval(60)) == 1)
        #expect(try store.machine(id: gone) == nil)
        #expect(try store.events(app: "demo").allSatisfy { $0.machineID == live })
        #expect(try store.machine(id: live) != nil)
    }
}
