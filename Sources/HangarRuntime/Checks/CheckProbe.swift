import HangarCore

/// The probe a `CheckSpec` describes, aimed at one machine address.
public enum CheckProbe: Sendable {
    case tcp(TCPProbe)
    case http(HTTPProbe)

    public init(spec: CheckSpec, address: String) {
        let timeout = CheckTiming.timeout(spec)
        switch spec.kind {
        case .tcp:
            self = .tcp(TCPProbe(address: address, port: spec.port, timeout: timeout))
        case .http:
            self = .http(HTTPProbe(
                address: address, port: spec.port, timeout: timeout,
                method: spec.method ?? "GET", path: spec.path ?? "/", scheme: spec.scheme ?? "http",
                tlsServerName: spec.tlsServerName, headers: spec.headers))
        }
    }

    public func run() async -> ProbeOutcome {
        switch self {
        case .tcp(let probe): await probe.run()
        case .http(let probe): await probe.run()
        }
    }
}
