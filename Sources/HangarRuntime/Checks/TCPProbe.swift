/// A TCP check: the machine passes when a connection to `address:port` is established within
/// `timeout`. The connection is closed at once; nothing is sent.
public struct TCPProbe: Sendable {
    public var address: String
    public var port: Int
    public var timeout: Duration

    public init(address: String, port: Int, timeout: Duration) {
        self.address = address
        self.port = port
        self.timeout = timeout
    }

    public func run() async -> ProbeOutcome {
        let timeout = self.timeout
        guard let target = ProbeAddress(address) else {
            return .failed("invalid address \(address): expected an IPv4 or IPv6 literal")
        }
        guard let port = UInt16(exactly: port), port > 0 else {
            return .failed("invalid port \(self.port)")
        }
        let result = await ProbeThread.run { cancellation -> Result<Duration, ProbeFailure> in
            let clock = ContinuousClock()
            let start = clock.now
            do throws(ProbeFailure) {
                let socket = try ProbeSocket.connect(
                    to: target, port: port, deadline: start.advanced(by: timeout), cancellation: cancellation)
                _ = consume socket
                return .success(start.duration(to: clock.now))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let elapsed):
            return .succeeded("TCP connect \(target.hostPort(Int(port))): success in \(ProbeText.elapsed(elapsed))")
        case .failure(.cancelled):
            return .cancelled
        case .failure(.timedOut):
            return .failed("timeout after \(ProbeText.duration(timeout)) connecting to \(target.hostPort(Int(port)))")
        case .failure(let failure):
            return .failed(failure.output(timeout: timeout))
        }
    }
}
