import Foundation
import Glibc

/// A volume held as a sparse ext4 image, loop-mounted on the host at the volume's directory (the
/// directory the launcher bind-mounts into the machine), so that writes past the volume's size fail
/// with ENOSPC. Runs `mkfs.ext4`, `mount`, `umount`, `losetup`, `resize2fs`, `e2fsck`, `fsfreeze`
/// and `cp`; every call blocks its thread (run them off the actor).
///
/// The image is only ever attached to one loop device: a mount reuses the device already attached
/// to the image (a machine's mount namespace may still hold it after the host's mount went away),
/// so one filesystem is never mounted twice through two devices.
public enum VolumeImage {
    /// Why images cannot be used on this host, or nil when they can. Probed once per process: root,
    /// the tools, and a real 8 MB image made, loop-mounted and unmounted in a temporary directory.
    public static let unavailableReason: String? = probe()

    public static var isAvailable: Bool { unavailableReason == nil }

    /// Creates the sparse image at `path` (which must not exist) of `bytes` and makes an ext4
    /// filesystem on it (no blocks reserved for root: the app gets the whole size).
    public static func create(at path: String, bytes: Int64) throws(LaunchError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .system("creating volume image \(path)", errno) }
        let sized = ftruncate(fd, off_t(bytes))
        let error = errno
        close(fd)
        guard sized == 0 else {
            unlink(path)
            throw .system("sizing volume image \(path) to \(bytes) bytes", error)
        }
        do throws(LaunchError) {
            try HostCommand.check(["mkfs.ext4", "-q", "-F", "-m", "0", "-E", "root_owner=0:0", path])
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Mounts the image at `directory` unless something is mounted there already. Before a first
    /// mount, the image is grown to `minimumBytes` (the recorded size) and its filesystem to the
    /// image's size, if an `extend` could not finish online.
    public static func mount(_ image: String, at directory: String, minimumBytes: Int64 = 0) throws(LaunchError) {
        if isMountPoint(directory) {
            guard needsGrowth(image, minimumBytes: minimumBytes) else { return }
            // A grow that waited for this moment: unmount, and grow offline below if no machine
            // still holds the filesystem (else it is mounted again as it is).
            try unmount(directory)
            // A machine that just stopped releases its mount namespace (and with it the loop
            // device) a moment after its init is gone: give it up to two seconds.
            for _ in 0..<40 where try loopDevice(of: image) != nil { usleep(50_000) }
        }
        if !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        if let device = try loopDevice(of: image) {
            try HostCommand.check(["mount", "-t", "ext4", "-o", "nosuid,nodev", device, directory])
            return
        }
        guard FileManager.default.fileExists(atPath: image) else {
            throw .invalidSpec("the volume image \(image) is missing")
        }
        if let size = fileSize(image), size < minimumBytes, truncate(image, off_t(minimumBytes)) != 0 {
            throw .system("growing volume image \(image)", errno)
        }
        try growOffline(image)
        try HostCommand.check(["mount", "-t", "ext4", "-o", "loop,nosuid,nodev", image, directory])
    }

    /// Unmounts `directory` if something is mounted there (lazily when it is busy). The loop device
    /// is released with the last mount of the filesystem.
    public static func unmount(_ directory: String) throws(LaunchError) {
        guard isMountPoint(directory) else { return }
        let result = try HostCommand.run(["umount", directory])
        if result.succeeded { return }
        try HostCommand.check(["umount", "-l", directory])
    }

    /// What `grow` did.
    public enum Growth: Sendable, Equatable {
        /// The filesystem has the new size now.
        case grown
        /// The image has the new size; its filesystem grows when it is next mounted (the kernel
        /// refused an online resize, which some sandboxes do).
        case deferred(String)
    }

    /// Grows the image to `bytes` (never shrinks it) and its filesystem with it: online when it is
    /// mounted, else offline.
    public static func grow(_ image: String, to bytes: Int64) throws(LaunchError) -> Growth {
        let current = fileSize(image) ?? 0
        if bytes > current {
            guard truncate(image, off_t(bytes)) == 0 else { throw .system("growing volume image \(image)", errno) }
        }
        guard let device = try loopDevice(of: image) else {
            try growOffline(image)
            return .grown
        }
        try HostCommand.check(["losetup", "-c", device])
        let resized = try HostCommand.run(["resize2fs", device])
        if resized.succeeded { return .grown }
        return .deferred(resized.output.split(separator: "\n").last.map(String.init) ?? "resize2fs failed")
    }

    /// Copies the image to `destination` (sparse) as one consistent point in time: a mounted
    /// filesystem is frozen for the copy (writers wait), an unmounted one is copied as is.
    public static func copy(_ image: String, mountedAt directory: String, to destination: String) throws(LaunchError) {
        let mounted = isMountPoint(directory)
        // Flush the filesystem into the image first (freezing flushes too, where it is allowed).
        if mounted { _ = try? HostCommand.run(["sync", "-f", directory]) }
        let frozen = mounted && ((try? HostCommand.run(["fsfreeze", "-f", directory]))?.succeeded ?? false)
        defer { if frozen { _ = try? HostCommand.run(["fsfreeze", "-u", directory]) } }
        try HostCommand.check(["cp", "--sparse=always", image, destination])
    }

    /// Unmounts everything mounted at or below `directory`, deepest first (for tests and for
    /// removing a whole Hangar home).
    public static func unmountAll(under directory: String) {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let points = mountPoints().filter { $0 == directory || $0.hasPrefix(prefix) }.sorted { $0.count > $1.count }
        for point in points { _ = try? HostCommand.run(["umount", "-l", point]) }
    }

    /// Whether a filesystem is mounted exactly at `directory` in the daemon's mount namespace.
    public static func isMountPoint(_ directory: String) -> Bool {
        let target = (directory as NSString).standardizingPath
        return mountPoints().contains(target)
    }

    /// The bytes the file takes on disk (a sparse image takes less than its size).
    public static func allocatedBytes(_ path: String) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Int64(info.st_blocks) * 512
    }

    static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// The loop device attached to the image, if any.
    static func loopDevice(of image: String) throws(LaunchError) -> String? {
        let output = try HostCommand.check(["losetup", "-j", image])
        for line in output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let device = String(line[..<colon])
            if device.hasPrefix("/dev/") { return device }
        }
        return nil
    }

    /// Whether the image is smaller than `minimumBytes`, or its filesystem smaller than the image.
    static func needsGrowth(_ image: String, minimumBytes: Int64) -> Bool {
        guard let size = fileSize(image) else { return false }
        if size < minimumBytes { return true }
        guard let filesystem = filesystemBytes(image) else { return false }
        return filesystem < size
    }

    /// Grows an unmounted image's filesystem to the image's size when it is smaller.
    static func growOffline(_ image: String) throws(LaunchError) {
        guard let size = fileSize(image), let filesystem = filesystemBytes(image), filesystem < size else { return }
        let checked = try HostCommand.run(["e2fsck", "-f", "-p", image])
        // 0: clean, 1: errors corrected.
        guard checked.status <= 1 else { throw .command("e2fsck -f -p \(image)", checked.output) }
        try HostCommand.check(["resize2fs", image])
    }

    /// The size of the filesystem in the image (block count × block size), from `dumpe2fs -h`.
    static func filesystemBytes(_ image: String) -> Int64? {
        guard let result = try? HostCommand.run(["dumpe2fs", "-h", image]), result.succeeded else { return nil }
        var count: Int64?
        var size: Int64?
        for line in result.output.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "Block count" { count = Int64(parts[1]) }
            if parts[0] == "Block size" { size = Int64(parts[1]) }
        }
        guard let count, let size else { return nil }
        return count * size
    }

    /// Mount points of the daemon's mount namespace, from `/proc/self/mountinfo` (octal escapes
    /// decoded).
    static func mountPoints() -> [String] {
        guard let text = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count > 4 else { return nil }
            return unescape(fields[4])
        }
    }

    static func unescape(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        let raw = Array(field.utf8)
        var index = 0
        while index < raw.count {
            if raw[index] == UInt8(ascii: "\\"), index + 3 < raw.count,
                let value = UInt8(String(decoding: raw[(index + 1)...(index + 3)], as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(raw[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func probe() -> String? {
        guard geteuid() == 0 else { return "loop-mounted volume images need root" }
        guard FileManager.default.fileExists(atPath: "/dev/loop-control") else { return "this host has no loop devices" }
        for tool in ["mkfs.ext4", "losetup", "mount", "umount", "resize2fs", "e2fsck", "dumpe2fs"]
        where HostCommand.find(tool) == nil {
            return "\(tool) is not installed (e2fsprogs, util-linux)"
        }
        let directory = NSTemporaryDirectory() + "hangar-loop-probe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let image = directory + "/probe.img"
        let point = directory + "/mnt"
        defer {
            _ = try? unmount(point)
            try? FileManager.default.removeItem(atPath: directory)
        }
        do {
            try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
        } catch {
            return "cannot make a probe directory: \(error)"
        }
        do throws(LaunchError) {
            try create(at: image, bytes: 8 << 20)
            try mount(image, at: point)
            guard isMountPoint(point) else { return "mount -o loop reported success but nothing is mounted" }
            try unmount(point)
        } catch {
            return "loop mount does not work here: \(error)"
        }
        return nil
    }
}
