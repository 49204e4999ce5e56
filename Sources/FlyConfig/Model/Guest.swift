/// The Machine guest (CPU, memory, GPU) computed for a process group from a `[[vm]]` entry.
public struct Guest: Sendable, Equatable, Codable {
    public var cpuKind: String
    public var cpus: Int
    public var memoryMB: Int
    public var gpus: Int?
    public var gpuKind: String?
    public var hostDedicationID: String?
    public var kernelArgs: [String]?
    public var maxMemoryMB: Int?
    public var persistRootfs: String?

    public init(cpuKind: String, cpus: Int, memoryMB: Int) {
        self.cpuKind = cpuKind
        self.cpus = cpus
        self.memoryMB = memoryMB
    }

    public init(preset: VMPreset) {
        cpuKind = preset.cpuKind
        cpus = preset.cpus
        memoryMB = preset.memoryMB
        gpus = preset.gpus > 0 ? preset.gpus : nil
        gpuKind = preset.gpuKind
    }

    enum CodingKeys: String, CodingKey {
        case cpuKind = "cpu_kind"
        case cpus
        case memoryMB = "memory_mb"
        case gpus
        case gpuKind = "gpu_kind"
        case hostDedicationID = "host_dedication_id"
        case kernelArgs = "kernel_args"
        case maxMemoryMB = "max_memory_mb"
        case persistRootfs = "persist_rootfs"
    }

    /// flyctl's exact order (§5.10): the preset (`size`, else `performance-8x` when `gpu_kind` is
    /// set, else `shared-cpu-1x`) → top-level host dedication if non-empty → `memory` if non-empty →
    /// every non-zero/non-empty inline field (`cpu_kind`, `cpus`, `memory_mb`, `max_memory_mb`,
    /// `gpus`, `gpu_kind`, `host_dedication_id`, `kernel_args`, `persist_rootfs`). No consistency
    /// fix-up.
    public static func compute(from vm: VM, topLevelHostDedicationID: String?) throws(GuestError) -> Guest {
        let presetName: String
        if let size = vm.size, !size.isEmpty {
            presetName = size
        } else if let kind = vm.gpuKind, !kind.isEmpty {
            presetName = VMPreset.defaultGPUName
        } else {
            presetName = VMPreset.defaultName
        }
        var guest = Guest(preset: try VMPreset.lookup(presetName))
        if let hdid = topLevelHostDedicationID, !hdid.isEmpty { guest.hostDedicationID = hdid }
        if let memory = vm.memory, !memory.isEmpty {
            do {
                guest.memoryMB = try MemorySize.megabytes(from: memory)
            } catch {
                throw GuestError("invalid memory size '\(memory)': \(error.message)")
            }
        }
        if let v = vm.cpuKind, !v.isEmpty { guest.cpuKind = v }
        if let v = vm.cpus, v != 0 { guest.cpus = v }
        if let v = vm.memoryMB, v != 0 { guest.memoryMB = v }
        if let v = vm.maxMemoryMB, v != 0 { guest.maxMemoryMB = v }
        if let v = vm.gpus, v != 0 { guest.gpus = v }
        if let v = vm.gpuKind, !v.isEmpty { guest.gpuKind = v }
        if let v = vm.hostDedicationID, !v.isEmpty { guest.hostDedicationID = v }
        if let v = vm.kernelArgs, !v.isEmpty { guest.kernelArgs = v }
        if let v = vm.persistRootfs, !v.isEmpty { guest.persistRootfs = v }
        return guest
    }
}

/// Why a guest could not be computed (unknown preset, bad memory).
public struct GuestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
