/// A Machine size preset (spec §10).
public struct VMPreset: Sendable, Equatable {
    public var name: String
    /// `shared` or `performance`.
    public var cpuKind: String
    public var cpus: Int
    public var memoryMB: Int
    public var gpus: Int
    public var gpuKind: String?

    public init(name: String, cpuKind: String, cpus: Int, memoryMB: Int, gpus: Int = 0, gpuKind: String? = nil) {
        self.name = name
        self.cpuKind = cpuKind
        self.cpus = cpus
        self.memoryMB = memoryMB
        self.gpus = gpus
        self.gpuKind = gpuKind
    }

    /// `shared-cpu-1x`, used when nothing else is chosen.
    public static let defaultName = "shared-cpu-1x"
    /// `performance-8x`, the base when `gpu_kind` is set without `size`.
    public static let defaultGPUName = "performance-8x"

    /// Every preset, in the order of the spec's table.
    public static let all: [VMPreset] = [
        VMPreset(name: "shared-cpu-1x", cpuKind: "shared", cpus: 1, memoryMB: 256),
        VMPreset(name: "shared-cpu-2x", cpuKind: "shared", cpus: 2, memoryMB: 512),
        VMPreset(name: "shared-cpu-4x", cpuKind: "shared", cpus: 4, memoryMB: 1024),
        VMPreset(name: "shared-cpu-6x", cpuKind: "shared", cpus: 6, memoryMB: 1536),
        VMPreset(name: "shared-cpu-8x", cpuKind: "shared", cpus: 8, memoryMB: 2048),
        VMPreset(name: "performance-1x", cpuKind: "performance", cpus: 1, memoryMB: 2048),
        VMPreset(name: "performance-2x", cpuKind: "performance", cpus: 2, memoryMB: 4096),
        VMPreset(name: "performance-4x", cpuKind: "performance", cpus: 4, memoryMB: 8192),
        VMPreset(name: "performance-6x", cpuKind: "performance", cpus: 6, memoryMB: 12288),
        VMPreset(name: "performance-8x", cpuKind: "performance", cpus: 8, memoryMB: 16384),
        VMPreset(name: "performance-10x", cpuKind: "performance", cpus: 10, memoryMB: 20480),
        VMPreset(name: "performance-12x", cpuKind: "performance", cpus: 12, memoryMB: 24576),
        VMPreset(name: "performance-14x", cpuKind: "performance", cpus: 14, memoryMB: 28672),
        VMPreset(name: "performance-16x", cpuKind: "performance", cpus: 16, memoryMB: 32768),
        VMPreset(name: "a100-40gb", cpuKind: "performance", cpus: 8, memoryMB: 32768, gpus: 1, gpuKind: "a100-pcie-40gb"),
        VMPreset(name: "a100-80gb", cpuKind: "performance", cpus: 8, memoryMB: 32768, gpus: 1, gpuKind: "a100-sxm4-80gb"),
        VMPreset(name: "l40s", cpuKind: "performance", cpus: 8, memoryMB: 32768, gpus: 1, gpuKind: "l40s"),
        VMPreset(name: "a10", cpuKind: "performance", cpus: 8, memoryMB: 32768, gpus: 1, gpuKind: "a10"),
    ]

    public static func named(_ name: String) -> VMPreset? {
        all.first { $0.name == name }
    }

    /// The preset for `name`, or flyctl's error: `'<x>' is an invalid machine size, choose one of:
    /// [...]` for an unknown shared/performance name, else `invalid machine preset requested, '<x>',
    /// expected to start with 'shared' or 'performance'`.
    public static func lookup(_ name: String) throws(GuestError) -> VMPreset {
        if let preset = named(name) { return preset }
        let kind: String
        if name.hasPrefix("shared") {
            kind = "shared"
        } else if name.hasPrefix("performance") {
            kind = "performance"
        } else {
            throw GuestError("invalid machine preset requested, '\(name)', expected to start with 'shared' or 'performance'")
        }
        let valid = all.map(\.name).filter { $0.hasPrefix(kind) }.sorted()
        throw GuestError("'\(name)' is an invalid machine size, choose one of: [\(valid.joined(separator: " "))]")
    }

    /// Platform memory limits per CPU (MB): shared 256–2048, performance 2048–8192.
    public static func memoryPerCPURange(cpuKind: String) -> ClosedRange<Int>? {
        switch cpuKind {
        case "shared": 256...2048
        case "performance": 2048...8192
        default: nil
        }
    }
}
