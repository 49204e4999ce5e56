import Foundation
import Glibc
import HangarCore
import HangarStore

/// Volumes: creation (with a loop-mounted image when the host can), mounting before a machine
/// starts and after a daemon restart, and the operations `extend`, `destroy`, `snapshots` and
/// `fork`. Operations that change an app's volumes run one at a time with its `up` and `scale`.
extension Supervisor {
    // MARK: - RuntimeControl

    public func createVolume(app: String, name: String, sizeGB: Int) async throws(ControlError) -> VolumeSummary {
        _ = try requireApp(app)
        let result = await serially("app:" + app) { supervisor -> Result<VolumeSummary, ControlError> in
            do throws(ControlError) {
                var notes: [String] = []
                let volume = try await supervisor.makeVolume(app: app, name: name, sizeGB: sizeGB, notes: &notes)
                return .success(Self.summary(volume, notes: notes))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public func volumes(app: String) async throws(ControlError) -> [VolumeSummary] {
        _ = try requireApp(app)
        return try storeCall { () throws(StoreError) in try store.volumes(app: app) }.map { Self.summary($0) }
    }

    public func extendVolume(app: String, volume id: String, sizeGB: Int) async throws(ControlError) -> VolumeSummary {
        _ = try requireApp(app)
        let result = await serially("app:" + app) { supervisor -> Result<VolumeSummary, ControlError> in
            do throws(ControlError) {
                return .success(try await supervisor.performExtend(app: app, id: id, sizeGB: sizeGB))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public func destroyVolume(app: String, volume id: String) async throws(ControlError) -> VolumeSummary {
        _ = try requireApp(app)
        let result = await serially("app:" + app) { supervisor -> Result<VolumeSummary, ControlError> in
            do throws(ControlError) {
                return .success(try await supervisor.performDestroyVolume(app: app, id: id))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public func createSnapshot(app: String, volume id: String) async throws(ControlError) -> SnapshotSummary {
        _ = try requireApp(app)
        let volume = try requireVolume(id, app: app)
        let store = self.store
        let image = store.location.volumeImage(volumeID: volume.id)
        let made = await Blocking.run {
            Result { () throws(StoreError) in
                try store.createSnapshot(volume: volume.id) { (path: String) throws(StoreError) -> Int64 in
                    try Self.copyData(of: volume, image: image, to: path)
                }
            }
        }
        return Self.summary(try storeCall { () throws(StoreError) in try made.get() })
    }

    public func snapshots(app: String, volume id: String) async throws(ControlError) -> [SnapshotSummary] {
        _ = try requireApp(app)
        let volume = try requireVolume(id, app: app)
        return try storeCall { () throws(StoreError) in try store.snapshots(volume: volume.id) }.map(Self.summary)
    }

    public func forkVolume(app: String, volume id: String, name: String?) async throws(ControlError) -> VolumeSummary {
        _ = try requireApp(app)
        let result = await serially("app:" + app) { supervisor -> Result<VolumeSummary, ControlError> in
            do throws(ControlError) {
                return .success(try await supervisor.performFork(app: app, id: id, name: name))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    // MARK: - Creating and mounting

    /// Creates the volume's row and directory, then (with `volumeBacking` `auto`, on a host that
    /// can) its image, mounted at the directory. When the image cannot be made, the volume stays a
    /// plain directory and `notes` says so.
    func makeVolume(app: String, name: String, sizeGB: Int, notes: inout [String]) async throws(ControlError)
        -> VolumeRecord
    {
        let created = try storeCall { () throws(StoreError) in
            try store.createVolume(app: app, name: name, sizeGB: sizeGB)
        }
        return await provisionImage(created, notes: &notes)
    }

    /// Gives a new, empty volume its image (see `makeVolume`).
    func provisionImage(_ volume: VolumeRecord, notes: inout [String]) async -> VolumeRecord {
        guard options.volumeBacking == .auto else { return volume }
        let image = store.location.volumeImage(volumeID: volume.id)
        let bytes = Int64(volume.sizeGB) * options.volumeImageBytesPerGB
        let path = volume.path
        let made = await Blocking.run { () -> Result<Void, LaunchError> in
            if let reason = VolumeImage.unavailableReason { return .failure(.isolationUnavailable(reason)) }
            return Result { () throws(LaunchError) in
                try VolumeImage.create(at: image, bytes: bytes)
                do throws(LaunchError) {
                    try VolumeImage.mount(image, at: path, minimumBytes: bytes)
                } catch {
                    unlink(image)
                    throw error
                }
            }
        }
        switch made {
        case .success:
            do throws(StoreError) {
                return try store.setBacking(volume: volume.id, .image)
            } catch {
                _ = await Blocking.run { try? VolumeImage.unmount(path) }
                unlink(image)
                notes.append(Self.directoryNote(volume.id, because: error.description))
                return volume
            }
        case .failure(.isolationUnavailable(let reason)):
            notes.append(Self.directoryNote(volume.id, because: reason))
        case .failure(let error):
            notes.append(Self.directoryNote(volume.id, because: error.description))
        }
        return volume
    }

    static func directoryNote(_ id: String, because reason: String) -> String {
        "volume \(id) is a plain directory, so its size is not enforced (\(reason))"
    }

    /// Mounts the machine's volume image if it is not mounted (before every start).
    func mountVolume(of record: MachineRecord) async throws(ControlError) {
        guard let volumeID = record.volumeID,
            let volume = try storeCall({ () throws(StoreError) in try store.volume(id: volumeID) }),
            volume.backing == .image
        else { return }
        try await mountImage(volume)
    }

    func mountImage(_ volume: VolumeRecord) async throws(ControlError) {
        let image = store.location.volumeImage(volumeID: volume.id)
        let path = volume.path
        let bytes = Int64(volume.sizeGB) * options.volumeImageBytesPerGB
        let mounted = await Blocking.run {
            Result { () throws(LaunchError) in try VolumeImage.mount(image, at: path, minimumBytes: bytes) }
        }
        if case .failure(let error) = mounted {
            throw ControlError(.failed, "volume \(volume.id) could not be mounted: \(error)")
        }
    }

    /// After a daemon restart (or a host reboot): mounts every image-backed volume that is not
    /// mounted. Returns what failed, one line per volume.
    func mountAllImages() async -> [String] {
        var failures: [String] = []
        for app in (try? store.apps()) ?? [] {
            for volume in (try? store.volumes(app: app.name)) ?? [] where volume.backing == .image {
                do throws(ControlError) {
                    try await mountImage(volume)
                } catch {
                    failures.append(error.message)
                }
            }
        }
        return failures
    }

    // MARK: - Operations

    func performExtend(app: String, id: String, sizeGB: Int) async throws(ControlError) -> VolumeSummary {
        let volume = try requireVolume(id, app: app)
        guard sizeGB > volume.sizeGB else {
            throw ControlError(
                .invalid,
                "volume \(id) is \(volume.sizeGB) GB and volumes only grow: --size must be more than \(volume.sizeGB) "
                    + "(to shrink, fork to a new volume and copy what you need)")
        }
        let extended = try storeCall { () throws(StoreError) in try store.extend(volume: id, toSizeGB: sizeGB) }
        guard extended.backing == .image else {
            return Self.summary(extended, notes: ["the size is recorded; a plain directory does not enforce it"])
        }
        let image = store.location.volumeImage(volumeID: id)
        let bytes = Int64(sizeGB) * options.volumeImageBytesPerGB
        let grown = await Blocking.run { Result { () throws(LaunchError) in try VolumeImage.grow(image, to: bytes) } }
        switch grown {
        case .success(.grown):
            return Self.summary(extended)
        case .success(.deferred(let why)):
            let inUse = extended.attachedMachineID.map { machines[$0]?.isRunning == true } ?? false
            if !inUse {
                // No machine runs on it: unmount, grow offline, mount again.
                do throws(ControlError) {
                    try await mountImage(extended)
                    let path = extended.path
                    let pending = await Blocking.run { VolumeImage.needsGrowth(image, minimumBytes: bytes) }
                    if !pending || !VolumeImage.isMountPoint(path) { return Self.summary(extended) }
                } catch {
                    throw ControlError(.failed, "volume \(id) is recorded as \(sizeGB) GB but: \(error.message)")
                }
            }
            return Self.summary(
                extended,
                notes: [
                    "the image is \(sizeGB) GB but the kernel refused to grow the mounted filesystem (\(why)); it grows "
                        + "when the volume is next mounted (stop its machine, or restart the daemon with it stopped)"
                ])
        case .failure(let error):
            throw ControlError(
                .failed, "volume \(id) is recorded as \(sizeGB) GB but its image could not be grown: \(error)")
        }
    }

    func performDestroyVolume(app: String, id: String) async throws(ControlError) -> VolumeSummary {
        let volume = try requireVolume(id, app: app)
        if let machine = volume.attachedMachineID {
            throw ControlError(
                .conflict,
                "volume \(id) is attached to machine \(machine); destroy the machine first (`hangar machine destroy "
                    + "\(machine)`) or scale its group down")
        }
        let path = volume.path
        if volume.backing == .image {
            let unmounted = await Blocking.run { Result { () throws(LaunchError) in try VolumeImage.unmount(path) } }
            if case .failure(let error) = unmounted {
                throw ControlError(.failed, "volume \(id) could not be unmounted: \(error)")
            }
        }
        let removed = try storeCall { () throws(StoreError) in try store.destroyVolume(id: id) }
        var summary = Self.summary(removed)
        summary.state = "destroyed"
        summary.attachedMachine = nil
        return summary
    }

    func performFork(app: String, id: String, name: String?) async throws(ControlError) -> VolumeSummary {
        let source = try requireVolume(id, app: app)
        let forkName = name ?? source.name
        let created = try storeCall { () throws(StoreError) in
            try store.createVolume(app: app, name: forkName, sizeGB: source.sizeGB)
        }
        let sourceImage = store.location.volumeImage(volumeID: source.id)
        let image = store.location.volumeImage(volumeID: created.id)
        let bytes = Int64(source.sizeGB) * options.volumeImageBytesPerGB
        let copied = await Blocking.run { () -> Result<VolumeBacking, StoreError> in
            Result { () throws(StoreError) -> VolumeBacking in
                if source.backing == .image {
                    _ = try Self.copyData(of: source, image: sourceImage, to: image)
                    do throws(LaunchError) {
                        try VolumeImage.mount(image, at: created.path, minimumBytes: bytes)
                    } catch {
                        throw StoreError(.storage, "the copy of volume \(source.id) could not be mounted: \(error)")
                    }
                    return .image
                }
                try Self.copyDirectoryContents(source.path, into: created.path)
                return .directory
            }
        }
        do throws(StoreError) {
            let backing = try copied.get()
            let forked = backing == .image ? try store.setBacking(volume: created.id, .image) : created
            return Self.summary(forked)
        } catch {
            _ = await Blocking.run { try? VolumeImage.unmount(created.path) }
            _ = try? store.destroyVolume(id: created.id)
            throw ControlError(error)
        }
    }

    // MARK: - Shared pieces

    /// The volume `id` of `app`, or `.invalid` (malformed id) / `.notFound`.
    func requireVolume(_ id: String, app: String) throws(ControlError) -> VolumeRecord {
        try storeCall { () throws(StoreError) in
            guard let volume = try store.volume(id: id), volume.app == app else {
                throw StoreError(.notFound, "app \(app) has no volume \(id) (see `hangar volumes list`)")
            }
            return volume
        }
    }

    /// Copies the volume's data to `destination` (which does not exist): its image (frozen while
    /// copied when mounted) or its directory. Returns the bytes the copy takes.
    static func copyData(of volume: VolumeRecord, image: String, to destination: String) throws(StoreError) -> Int64 {
        do throws(LaunchError) {
            if volume.backing == .image {
                try VolumeImage.copy(image, mountedAt: volume.path, to: destination)
                return VolumeImage.allocatedBytes(destination)
            }
            try HostCommand.check(["cp", "-a", "--sparse=always", volume.path, destination])
            return directoryBytes(destination)
        } catch {
            throw StoreError(.storage, "copying the data of volume \(volume.id): \(error)")
        }
    }

    static func copyDirectoryContents(_ source: String, into destination: String) throws(StoreError) {
        do throws(LaunchError) {
            try HostCommand.check(["cp", "-a", "--sparse=always", source + "/.", destination + "/"])
        } catch {
            throw StoreError(.storage, "copying \(source) to \(destination): \(error)")
        }
    }

    /// The bytes the files under `path` take on disk.
    static func directoryBytes(_ path: String) -> Int64 {
        var total: Int64 = 0
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let entry = enumerator?.nextObject() as? String {
            total += VolumeImage.allocatedBytes(path + "/" + entry)
        }
        return total
    }

    static func summary(_ volume: VolumeRecord, notes: [String] = []) -> VolumeSummary {
        VolumeSummary(
            id: volume.id, name: volume.name, sizeGB: volume.sizeGB, attachedMachine: volume.attachedMachineID,
            createdAt: volume.createdAt.ISO8601Format(), backing: volume.backing.rawValue, notes: notes)
    }

    static func summary(_ snapshot: VolumeSnapshotRecord) -> SnapshotSummary {
        SnapshotSummary(
            id: snapshot.id, volume: snapshot.volumeID, sizeGB: snapshot.sizeGB, storedBytes: snapshot.storedBytes,
            createdAt: snapshot.createdAt.ISO8601Format())
    }
}
