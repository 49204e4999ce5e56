/// `[[vm]]` (spec §5.10; aliases `[vm]`, `[[compute]]`, `[compute]`, `computes` are normalised to
/// this). Also the shape of `deploy.release_command_vm`.
///
/// `memory` is kept as written (an integer in `[[vm]]` is stringified: `512` → `"512"`); parse it
/// with `MemorySize.megabytes(from:)`. In JSON it is rendered as integer MB when it parses, else as
/// the string.
public struct VM: Sendable, Equatable, Codable {
    /// A preset name (§10). Lowest precedence.
    public var size: String?
    public var memory: String?
    public var memoryMB: Int?
    public var cpus: Int?
    public var cpuKind: String?
    public var gpus: Int?
    public var gpuKind: String?
    public var hostDedicationID: String?
    public var kernelArgs: [String]?
    public var maxMemoryMB: Int?
    public var persistRootfs: String?
    /// Empty = every group without a more specific entry (§6.3).
    public var processes: [String]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case size, memory
        case memoryMB = "memory_mb"
        case cpus
        case cpuKind = "cpu_kind"
        case gpus
        case gpuKind = "gpu_kind"
        case hostDedicationID = "host_dedication_id"
        case kernelArgs = "kernel_args"
        case maxMemoryMB = "max_memory_mb"
        case persistRootfs = "persist_rootfs"
        case processes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        size = try c.decodeIfPresent(String.self, forKey: .size)
        if let mb = try? c.decodeIfPresent(Int.self, forKey: .memory) {
            memory = String(mb)
        } else {
            memory = try c.decodeIfPresent(String.self, forKey: .memory)
        }
        memoryMB = try c.decodeIfPresent(Int.self, forKey: .memoryMB)
        cpus = try c.decodeIfPresent(Int.self, forKey: .cpus)
        cpuKind = try c.decodeIfPresent(String.self, forKey: .cpuKind)
        gpus = try c.decodeIfPresent(Int.self, forKey: .gpus)
        gpuKind = try c.decodeIfPresent(String.self, forKey: .gpuKind)
        hostDedicationID = try c.decodeIfPresent(String.self, forKey: .hostDedicationID)
        kernelArgs = try c.decodeIfPresent([String].self, forKey: .kernelArgs)
        maxMemoryMB = try c.decodeIfPresent(Int.self, forKey: .maxMemoryMB)
        persistRootfs = try c.decodeIfPresent(String.self, forKey: .persistRootfs)
        processes = try c.decodeIfPresent([String].self, forKey: .processes)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(size, forKey: .size)
        if let memory {
            if let mb = try? MemorySize.megabytes(from: memory) {
                try c.encode(mb, forKey: .memory)
            } else {
                try c.encode(memory, forKey: .memory)
            }
        }
        try c.encodeIfPresent(memoryMB, forKey: .memoryMB)
        try c.encodeIfPresent(cpus, forKey: .cpus)
        try c.encodeIfPresent(cpuKind, forKey: .cpuKind)
        try c.encodeIfPresent(gpus, forKey: .gpus)
        try c.encodeIfPresent(gpuKind, forKey: .gpuKind)
        try c.encodeIfPresent(hostDedicationID, forKey: .hostDedicationID)
        try c.encodeIfPresent(kernelArgs, forKey: .kernelArgs)
        try c.encodeIfPresent(maxMemoryMB, forKey: .maxMemoryMB)
        try c.encodeIfPresent(persistRootfs, forKey: .persistRootfs)
        try c.encodeIfPresent(processes, forKey: .processes)
    }

    /// `memory` in MB (nil when unset).
    public func memoryMegabytes() throws(SizeParseError) -> Int? {
        guard let memory, !memory.isEmpty else { return nil }
        return try MemorySize.megabytes(from: memory)
    }
}
