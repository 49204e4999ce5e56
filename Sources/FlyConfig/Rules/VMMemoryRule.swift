/// HG302: the memory a `[[vm]]` entry (or `deploy.release_command_vm`) gives must be one the
/// Machines API accepts: parsable and non-zero, a multiple of 256 MB, and within the per-CPU limits
/// of the CPU kind (§10: shared 256–2048 MB per CPU, performance 2048–8192 MB per CPU). flyctl
/// applies no consistency fix-up, so `cpus = 2` alone gives 256 MB for two shared CPUs, which
/// fails at deploy. Errors; an unknown `cpu_kind` and `memory_mb` silently beating `memory` are
/// warnings.
struct VMMemoryRule: Rule {
    let codes = ["HG302"]
    let summary = "[[vm]] memory parses, is a multiple of 256MB and fits the CPU kind and count"

    static let granularity = 256
    /// Far above any machine; bounds the per-CPU arithmetic.
    static let maximumCPUs = 1 << 20

    func check(_ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (base, vm) in VMEntries.all(in: context.config) {
            result += Self.review(vm, base: base, context)
        }
        return result
    }

    private static func review(_ vm: VM, base: String, _ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var memoryOK = true
        if let memory = vm.memory, !memory.isEmpty {
            do {
                let mb = try MemorySize.megabytes(from: memory)
                if mb < 0 {
                    memoryOK = false
                    result.append(
                        context.error(
                            "HG302", "invalid memory size '\(memory)': memory cannot be negative",
                            hint: "write a size such as \"512mb\" or \"1gb\"", path: base + ".memory"))
                } else if let mbOverride = vm.memoryMB, mbOverride != 0, mbOverride != mb {
                    result.append(
                        context.warning(
                            "HG302", "memory_mb = \(mbOverride) overrides memory = \"\(memory)\" (\(mb) MB)",
                            hint: "keep only one of memory and memory_mb", path: base + ".memory"))
                }
            } catch {
                memoryOK = false
                result.append(
                    context.error(
                        "HG302", "invalid memory size '\(memory)': \(error.message)",
                        hint: "write a size such as \"512mb\", \"1gb\" or a plain number of MB such as 1024",
                        path: base + ".memory"))
            }
        }
        if let cpus = vm.cpus, cpus < 0 {
            result.append(
                context.error("HG302", "cpus = \(cpus) is negative", hint: "use a CPU count such as 1, 2, 4 or 8", path: base + ".cpus"))
            return result
        }
        if let kind = vm.cpuKind, !kind.isEmpty, VMPreset.memoryPerCPURange(cpuKind: kind) == nil {
            let hint = ["shared", "performance"].first { $0 == kind.lowercased() }.map { "write cpu_kind = \"\($0)\"" }
                ?? "use cpu_kind = \"shared\" or \"performance\""
            result.append(context.warning("HG302", "unknown cpu_kind '\(kind)'", hint: hint, path: base + ".cpu_kind"))
        }
        // The guest flyctl would send; an unknown size is HG301's finding.
        guard memoryOK, let guest = try? Guest.compute(from: vm, topLevelHostDedicationID: nil) else { return result }
        let memoryPath = Self.memorySource(vm, base: base)
        if guest.memoryMB <= 0 {
            result.append(
                context.error(
                    "HG302", "memory_mb = \(guest.memoryMB) is not a usable amount of memory",
                    hint: "use a positive multiple of 256, e.g. memory_mb = 512", path: memoryPath))
            return result
        }
        if guest.memoryMB % Self.granularity != 0 {
            let down = guest.memoryMB / Self.granularity * Self.granularity
            let (up, overflow) = down.addingReportingOverflow(Self.granularity)
            let choices = down > 0 && !overflow ? "\(down) or \(up)" : overflow ? "\(down)" : "\(up)"
            result.append(
                context.error(
                    "HG302", "memory of \(guest.memoryMB) MB is not a multiple of 256 MB; Machines only accept memory in 256 MB steps",
                    hint: "use \(choices) MB", path: memoryPath))
            return result
        }
        // CPU counts beyond any machine would overflow the limits; no machine has that many CPUs.
        guard let perCPU = VMPreset.memoryPerCPURange(cpuKind: guest.cpuKind), guest.cpus > 0,
            guest.cpus <= Self.maximumCPUs
        else { return result }
        let low = perCPU.lowerBound * guest.cpus
        let high = perCPU.upperBound * guest.cpus
        if guest.memoryMB < low || guest.memoryMB > high {
            let cpuText = "\(guest.cpus) \(guest.cpuKind) CPU\(guest.cpus == 1 ? "" : "s")"
            let path = guest.memoryMB < low && vm.memoryMB == nil && (vm.memory ?? "").isEmpty
                ? Self.cpuSource(vm, base: base) : memoryPath
            result.append(
                context.error(
                    "HG302",
                    "\(guest.memoryMB) MB of memory is outside the \(low)–\(high) MB a machine with \(cpuText) accepts (\(perCPU.lowerBound)–\(perCPU.upperBound) MB per \(guest.cpuKind) CPU)",
                    hint: Self.rangeHint(guest: guest, low: low, high: high, perCPU: perCPU), path: path))
        }
        return result
    }

    /// The key that decided the guest's memory: memory_mb, else memory, else the size (or the entry).
    private static func memorySource(_ vm: VM, base: String) -> String {
        if let mb = vm.memoryMB, mb != 0 { return base + ".memory_mb" }
        if let memory = vm.memory, !memory.isEmpty { return base + ".memory" }
        if let size = vm.size, !size.isEmpty { return base + ".size" }
        return base
    }

    /// The key that decided the CPUs when memory was left at the preset's.
    private static func cpuSource(_ vm: VM, base: String) -> String {
        if let cpus = vm.cpus, cpus != 0 { return base + ".cpus" }
        if let kind = vm.cpuKind, !kind.isEmpty { return base + ".cpu_kind" }
        return memorySource(vm, base: base)
    }

    private static func rangeHint(guest: Guest, low: Int, high: Int, perCPU: ClosedRange<Int>) -> String {
        if guest.memoryMB < low {
            let preset = guest.cpuKind == "shared" ? "shared-cpu-\(guest.cpus)x" : "performance-\(guest.cpus)x"
            let presetText = VMPreset.named(preset) == nil ? "" : " (size = \"\(preset)\" sets both)"
            return "set memory = \"\(low)mb\" or more, or use fewer CPUs\(presetText)"
        }
        let cpusNeeded = guest.memoryMB / perCPU.upperBound + (guest.memoryMB % perCPU.upperBound == 0 ? 0 : 1)
        return "use at most \(high) MB, or \(cpusNeeded) or more CPUs"
            + (guest.cpuKind == "shared" ? " (or cpu_kind = \"performance\")" : "")
    }
}
