/// A health check's status, in Consul's vocabulary as Fly reports it.
///
/// - `passing`: the last probe succeeded.
/// - `warning`: not passing yet, but not failed either: no probe has run, or probes fail while the
///   machine is still within the check's grace period and has never passed.
/// - `critical`: the last probe failed (after the grace period, or after the check had passed once).
public enum CheckStatus: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case passing
    case warning
    case critical

    public var description: String { rawValue }
}
