import HangarCore
import NIOCore
import NIOHTTP1

/// One request on its way through the `http` handler: the head as the app will see it, the body
/// kept for retries and replays (up to a bound), and where it stands.
final class HTTPExchange {
    let claim: PortClaim
    /// The head sent to the app (forwarded headers added).
    var head: HTTPRequestHead
    let clientVersion: HTTPVersion
    let clientKeepAlive: Bool
    let requestID: String
    let isUpgrade: Bool
    let isIdempotent: Bool
    var pin: LoadBalancer.Pin?

    /// Body parts not yet sent, or kept for a retry while `replayable`.
    var body: [ByteBuffer] = []
    var bodyBytes = 0
    /// The whole body is still in `body` (so the request can be sent again).
    var replayable = true
    var requestEnded = false
    var trailers: HTTPHeaders?

    var attempt = 0
    var hops = 0
    var excluded: Set<String> = []
    var lease: Lease?
    var upstream: UpstreamConnection?
    var upstreamReused = false
    /// Parts of the request went to the current upstream.
    var sent = false
    var responseStarted = false
    /// The app answered 101 to an Upgrade: once its (empty) response ends, both sides are spliced.
    var upgrading = false
    /// Answered by the proxy itself (redirect, error): the rest of the request body is ignored.
    var local = false

    // What metrics and the access log are told when the exchange ends (`HTTPEdgeHandler+Observability`).
    /// The service's metrics (nil for requests no app answers, or without metrics).
    var metrics: ServiceMetrics?
    var startedAt = ContinuousClock.now
    /// The status sent to the client (0 until a response head went out).
    var status = 0
    /// Body bytes read from the client and written to it.
    var bytesIn = 0
    var bytesOut = 0
    /// The machine the request was last sent to.
    var servedBy: Target?
    /// Fly's proxy error code when the proxy answered for the app (`PR04`, `PC01`, `PU02`).
    var errorCode: String?
    var errorMessage: String?
    var clientIP = ""
    var host = ""
    /// Counted and logged already.
    var recorded = false

    init(
        claim: PortClaim, head: HTTPRequestHead, clientVersion: HTTPVersion, clientKeepAlive: Bool,
        requestID: String, isUpgrade: Bool, pin: LoadBalancer.Pin?
    ) {
        self.claim = claim
        self.head = head
        self.clientVersion = clientVersion
        self.clientKeepAlive = clientKeepAlive
        self.requestID = requestID
        self.isUpgrade = isUpgrade
        self.pin = pin
        isIdempotent = [.GET, .HEAD, .OPTIONS, .PUT, .DELETE, .TRACE].contains(head.method)
    }

    /// A local exchange (no app involved).
    init(localFor head: HTTPRequestHead, claim: PortClaim?) {
        self.claim = claim ?? PortClaim(
            app: "", publicPort: 0, port: PortSpec(start: 0, end: 0, handlers: []),
            routes: ServiceRoutes(
                group: "",
                service: ServiceSpec(
                    protocol: "tcp", internalPort: 0, ports: [], concurrency: ConcurrencySpec(), autoStop: .off,
                    autoStart: false, minMachinesRunning: 0, checks: [], source: ""),
                targets: []))
        self.head = head
        clientVersion = head.version
        clientKeepAlive = head.isKeepAlive
        requestID = ""
        isUpgrade = false
        isIdempotent = false
        local = true
    }

    /// Keeps a body part; past `limit` the request can no longer be retried or replayed once sent.
    func keep(_ part: ByteBuffer, limit: Int) {
        body.append(part)
        bodyBytes += part.readableBytes
        if bodyBytes > limit { replayable = false }
    }

    /// Whether a failure after sending may be retried on another machine: nothing came back, the
    /// method is idempotent and the whole body is still here.
    var mayResend: Bool {
        !responseStarted && (!sent || (isIdempotent && replayable && requestEnded && !(upstream?.receivedResponse ?? false)))
    }
}
