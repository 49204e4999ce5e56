import FlyConfig

/// How `[[vm]]` sizes become resource figures. A shared Fly CPU guarantees 1/16 of a core and may
/// burst to a whole one; a performance CPU is a whole dedicated core. Fly's `memory` MB are MiB.
enum ResourceMapping {
    /// The guaranteed share of one shared CPU, in millicores (1/16 core).
    static let sharedMillicoresPerCPU = 62.5
    /// The nominal speed of a core for Nomad's `cpu` (MHz) figure.
    static let nominalCoreMHz = 2000

    static func isPerformance(_ guest: Guest) -> Bool { guest.cpuKind == "performance" }

    /// Kubernetes CPU request: shared → 1/16 core per CPU (rounded up to a millicore), performance
    /// → the whole CPUs.
    static func kubernetesCPURequest(_ guest: Guest) -> String {
        if isPerformance(guest) { return "\(max(guest.cpus, 1))" }
        let milli = (Double(max(guest.cpus, 1)) * sharedMillicoresPerCPU).rounded(.up)
        return "\(Int(milli))m"
    }

    /// Kubernetes CPU limit: the whole CPUs (shared CPUs may burst up to them).
    static func kubernetesCPULimit(_ guest: Guest) -> String { "\(max(guest.cpus, 1))" }

    static func kubernetesMemory(_ megabytes: Int) -> String { "\(max(megabytes, 1))Mi" }

    /// Nomad `cpu` in MHz for shared CPUs (1/16 of a nominal core each).
    static func nomadSharedMHz(_ guest: Guest) -> Int {
        Int((Double(max(guest.cpus, 1)) * Double(nominalCoreMHz) / 16).rounded(.up))
    }

    /// compose `cpus` reservation: 1/16 per shared CPU, whole CPUs for performance.
    static func composeCPUReservation(_ guest: Guest) -> String {
        if isPerformance(guest) { return "\(max(guest.cpus, 1))" }
        return decimal(Double(max(guest.cpus, 1)) / 16)
    }

    static func composeMemory(_ megabytes: Int) -> String { "\(max(megabytes, 1))M" }

    /// Seconds, rounded up, at least `minimum`.
    static func seconds(_ d: FlyDuration, minimum: Int = 0) -> Int {
        guard d.nanoseconds > 0 else { return minimum }
        let s = (Double(d.nanoseconds) / Double(FlyDuration.second)).rounded(.up)
        if s >= Double(Int32.max) { return Int(Int32.max) }
        return max(Int(s), minimum)
    }

    /// A duration in Go's syntax (Nomad and compose read it), at least `minimum`.
    static func goDuration(_ d: FlyDuration, minimum: FlyDuration? = nil) -> String {
        if let minimum, d < minimum { return minimum.description }
        return d.description
    }

    /// A short decimal without trailing zeros (`0.0625`, `0.5`, `2`).
    static func decimal(_ value: Double) -> String {
        var text = String(format4(value))
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    private static func format4(_ value: Double) -> String {
        let scaled = (value * 10000).rounded()
        let whole = Int(scaled) / 10000
        let frac = Int(scaled) % 10000
        let fracText = String(frac)
        return "\(whole)." + String(repeating: "0", count: 4 - fracText.count) + fracText
    }
}
