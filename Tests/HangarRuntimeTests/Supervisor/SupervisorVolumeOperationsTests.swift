import Foundation
import Glibc
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// Image-backed volumes end to end through the supervisor: the size is enforced inside a real
/// machine, `extend` grows it, snapshots and forks copy it, `destroy` is refused while attached and
/// leaves nothing mounted, a scale-up takes the free volume first, and a restarted supervisor
/// mounts images again. A "GB" is 24 MB here (`volumeImageBytesPerGB`), to keep the test small.
@Suite(.enabled(if: TestHost.python != nil && VolumeImage.isAvailable, "needs python3 and loop devices"))
struct SupervisorVolumeOperationsTests {
    static let bytesPerGB: Int64 = 24_000_000

    static func options() -> SupervisorOptions {
        var options = SupervisorHarness.options()
        options.volumeImageBytesPerGB = bytesPerGB
        return options
    }

    static func app(destination: String) -> String {
        """
        app = "filler"
        kill_timeout = "1s"

        [processes]
        app = "sh -c 'dd if=/dev/zero of=$HANGAR_VOLUME_PATH/fill bs=1M count=64 2> $HANGAR_VOLUME_PATH/dd.err; echo $? > $HANGAR_VOLUME_PATH/dd.rc; exec PY server.py'"

        [[services]]
        internal_port = 8080
        protocol = "tcp"
        processes = ["app"]
        [[services.ports]]
        port = 80
        handlers = ["http"]
        [[services.tcp_checks]]
        interval = "1s"
        timeout = "1s"

        [mounts]
        source = "filler_data"
        destination = "\(destination)"
        """
    }

    static func capacity(_ path: String) -> Int64 {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return 0 }
        return Int64(info.f_blocks) * Int64(info.f_frsize)
    }

    @Test func anImageVolumeIsEnforcedExtendedSnapshottedForkedAndDestroyed() async throws {
        try await SupervisorHarness.run { harness in
            let destination = "/tmp/hangar-volops-" + UUID().uuidString.prefix(8).lowercased()
            harness.removeLater(destination)
            try harness.writeApp(Self.app(destination: destination), files: ["server.py": AppScripts.server])
            let supervisor = harness.newSupervisor(options: Self.options())
            let mode: RuntimeMode = TestHost.canIsolate ? .isolated : .shared

            let status = try await harness.up(mode, on: supervisor)
            #expect(status.notes.contains { $0.contains("ext4 image, size enforced") }, "\(status.notes)")
            let machine = try #require(status.machines.first)
            let volumeID = try #require(machine.volume)
            let volume = try #require(try harness.store.volume(id: volumeID))
            #expect(volume.backing == .image)
            #expect(VolumeImage.isMountPoint(volume.path))

            // The machine wrote past 1 "GB": dd failed with ENOSPC.
            let ran = await harness.eventually { FileManager.default.fileExists(atPath: volume.path + "/dd.rc") }
            #expect(ran)
            #expect(TestHost.read(volume.path + "/dd.rc").trimmingCharacters(in: .whitespacesAndNewlines) != "0")
            #expect(TestHost.read(volume.path + "/dd.err").contains("No space left on device"))
            let small = Self.capacity(volume.path)
            #expect(small <= Self.bytesPerGB)

            // Extend: never shrink; grow to 2 (online, or at the machine's next start).
            await #expect(throws: ControlError.self) {
                try await supervisor.extendVolume(app: "filler", volume: volumeID, sizeGB: 1)
            }
            let extended = try await supervisor.extendVolume(app: "filler", volume: volumeID, sizeGB: 2)
            #expect(extended.sizeGB == 2)
            if !extended.notes.isEmpty {
                _ = try await supervisor.machineAction(app: "filler", machine: machine.id, action: .restart)
            }
            // The (re)started machine has finished its dd once its server answers the check.
            let serving = await harness.eventuallyAsync {
                try await supervisor.status(app: "filler").machines.first?.checks.map(\.status) == ["passing"]
            }
            #expect(serving)
            withKnownIssue("growing a loop-mounted image is sometimes not visible at once on a loaded host", isIntermittent: true) {
                #expect(Self.capacity(volume.path) > small + Self.bytesPerGB / 2, "the filesystem grew")
            }

            // Destroy is refused while the machine has it.
            await #expect(throws: ControlError.self) {
                try await supervisor.destroyVolume(app: "filler", volume: volumeID)
            }

            // A snapshot copies the image.
            let snapshot = try await supervisor.createSnapshot(app: "filler", volume: volumeID)
            #expect(snapshot.volume == volumeID && snapshot.sizeGB == 2)
            let snapshotPath = harness.store.location.snapshotPath(volumeID: volumeID, snapshotID: snapshot.id)
            #expect(FileManager.default.fileExists(atPath: snapshotPath))
            #expect(try await supervisor.snapshots(app: "filler", volume: volumeID).map(\.id) == [snapshot.id])

            // A fork is a new unattached volume with the data.
            let fork = try await supervisor.forkVolume(app: "filler", volume: volumeID, name: "filler_copy")
            #expect(fork.attachedMachine == nil && fork.backing == "image" && fork.sizeGB == 2)
            let forkPath = try #require(try harness.store.volume(id: fork.id)).path
            #expect(TestHost.read(forkPath + "/dd.err").contains("No space left on device"))

            // Scale down, then up: the machine's volume is free, and the new machine takes it.
            _ = try await supervisor.scale(app: "filler", counts: ["app": 0])
            let scaled = try await supervisor.scale(app: "filler", counts: ["app": 1])
            #expect(scaled.machines.first?.volume == volumeID, "a scale-up reuses the free volume")

            // A restarted supervisor mounts images again (a host reboot loses the mounts).
            try VolumeImage.unmount(forkPath)
            #expect(!VolumeImage.isMountPoint(forkPath))
            await supervisor.detach()
            let recovered = harness.newSupervisor(options: Self.options())
            let recovery = await recovered.recover()
            #expect(recovery.unmountedVolumes.isEmpty)
            #expect(VolumeImage.isMountPoint(forkPath))

            // Destroying the fork unmounts it and removes its image and directory.
            let destroyed = try await recovered.destroyVolume(app: "filler", volume: fork.id)
            #expect(destroyed.state == "destroyed")
            #expect(!VolumeImage.isMountPoint(forkPath))
            #expect(!FileManager.default.fileExists(atPath: harness.store.location.volumeImage(volumeID: fork.id)))
            #expect(!FileManager.default.fileExists(atPath: forkPath))
            #expect(try await recovered.volumes(app: "filler").map(\.id) == [volumeID])
        }
    }

    @Test func volumeOperationsRefuseBadInput() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.app(destination: "/tmp/hangar-volops-unused"), files: ["server.py": AppScripts.server])
            let supervisor = harness.newSupervisor(options: Self.options())
            _ = try harness.store.registerApp(name: "filler", configPath: harness.appDirectory + "/fly.toml")
            let created = try await supervisor.createVolume(app: "filler", name: "filler_data", sizeGB: 1)
            for bad in ["../etc", "vol_", "vol_ABCDEFGHIJKLMNOP"] {
                await #expect(throws: ControlError.self) { try await supervisor.destroyVolume(app: "filler", volume: bad) }
            }
            await #expect(throws: ControlError.self) {
                try await supervisor.snapshots(app: "other", volume: created.id)
            }
            await #expect(throws: ControlError.self) {
                try await supervisor.forkVolume(app: "filler", volume: created.id, name: "../x")
            }
            #expect(try await supervisor.volumes(app: "filler").count == 1)
            _ = try await supervisor.destroyVolume(app: "filler", volume: created.id)
            #expect(try await supervisor.volumes(app: "filler").isEmpty)
        }
    }
}
