import FlyConfig

/// A process group's VM size or memory set with `hangar scale vm` / `hangar scale memory`. It wins
/// over `[[vm]]` in fly.toml, as on Fly, where a scale command changes the machines until the next
/// deploy that sets them again. A preset replaces CPU kind, CPUs and memory; memory replaces only
/// memory (applied after the preset).
public struct GuestOverride: Sendable, Equatable, Codable {
    public var preset: String?
    public var memoryMB: Int?

    public init(preset: String? = nil, memoryMB: Int? = nil) {
        self.preset = preset
        self.memoryMB = memoryMB
    }

    public var isEmpty: Bool { preset == nil && memoryMB == nil }

    /// Fly's bounds: a multiple of 256 MB, from 256 MB to 256 GB.
    public static let memoryRange = 256...262_144

    /// Checks a preset name and a memory size without applying them.
    public static func validate(preset: String?, memoryMB: Int?) throws(PlanError) {
        if let preset {
            do {
                _ = try VMPreset.lookup(preset)
            } catch {
                throw PlanError("unknown VM size \"\(preset)\": use one of " + VMPreset.all.map(\.name).joined(separator: ", "))
            }
        }
        if let memoryMB {
            guard memoryRange.contains(memoryMB), memoryMB % 256 == 0 else {
                throw PlanError(
                    "invalid memory \(memoryMB) MB: expected a multiple of 256 from \(memoryRange.lowerBound) to "
                        + "\(memoryRange.upperBound), e.g. 512 or 1024")
            }
        }
    }

    /// The guest with this override applied.
    public func apply(to guest: Guest) throws(PlanError) -> Guest {
        var result = guest
        if let preset {
            let vm: VMPreset
            do {
                vm = try VMPreset.lookup(preset)
            } catch {
                throw PlanError("unknown VM size \"\(preset)\" set by `hangar scale vm`")
            }
            result.cpuKind = vm.cpuKind
            result.cpus = vm.cpus
            result.memoryMB = vm.memoryMB
            result.gpus = vm.gpus > 0 ? vm.gpus : nil
            result.gpuKind = vm.gpuKind
        }
        if let memoryMB { result.memoryMB = memoryMB }
        return result
    }
}
