import HangarCore
import NIOCore
import NIOHTTP1

/// The downstream side of the `http` handler, one per client connection: checks each request
/// against the limits, routes it by Host to an app on the port, answers `force_https` with a 301,
/// takes a slot from the balancer and sends the request over a pooled keep-alive connection to the
/// chosen machine (`HTTPEdgeHandler+Upstream`). Malformed requests get a 400 and never reach an app.
final class HTTPEdgeHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let localPort: Int
    let scheme: String
    let edge: EdgeContext
    let timeouts: HTTPRequestTimeouts
    var context: ChannelHandlerContext?
    var exchange: HTTPExchange?
    /// Parts of pipelined requests that arrived while one was being served.
    var queued: [HTTPServerRequestPart] = []
    /// For `connections` concurrency: the slot this client connection holds on one machine.
    var connectionLease: Lease?
    var heldRead = false
    var closing = false
    var closed = false
    /// The write of the last response's end (a close waits for it).
    var lastEnd: EventLoopFuture<Void>?
    /// The service this connection is counted on (its first routed request's).
    var connectionMetrics: ServiceMetrics?

    init(localPort: Int, scheme: String, edge: EdgeContext, timeouts: HTTPRequestTimeouts) {
        self.localPort = localPort
        self.scheme = scheme
        self.edge = edge
        self.timeouts = timeouts
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    // MARK: - Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        handle(unwrapInboundIn(data))
    }

    func handle(_ part: HTTPServerRequestPart) {
        if let exchange, exchange.requestEnded || !queued.isEmpty {
            queued.append(part)
            return
        }
        switch part {
        case .head(let head):
            if exchange == nil { start(head) } else { queued.append(part) }
        case .body(let bytes):
            exchange?.bytesIn += bytes.readableBytes
            guard let exchange, !exchange.local else { return }
            if let upstream = exchange.upstream, exchange.sent {
                upstream.write(.body(.byteBuffer(bytes)))
                if exchange.replayable {
                    exchange.keep(bytes, limit: edge.options.replayBodyLimit)
                    if !exchange.replayable { exchange.body = [] }
                }
            } else {
                exchange.keep(bytes, limit: edge.options.replayBodyLimit)
            }
        case .end(let trailers):
            guard let exchange else { return }
            exchange.requestEnded = true
            exchange.trailers = trailers
            if exchange.local {
                if exchange.responseStarted { finish() }
            } else if let upstream = exchange.upstream, exchange.sent {
                upstream.write(.end(trailers), flush: true)
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        exchange?.upstream?.flush()
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        observeClose(exchange)
        if let exchange {
            exchange.upstream?.abandon()
            exchange.upstream = nil
            releaseLease(of: exchange)
        }
        exchange = nil
        if let lease = connectionLease {
            edge.balancer.release(lease)
            connectionLease = nil
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.close(promise: nil)
            return
        }
        // Malformed HTTP: a 400 (when nothing was answered yet) and a close; the app never sees it.
        if let exchange, exchange.responseStarted {
            context.close(promise: nil)
            return
        }
        if let exchange {
            exchange.upstream?.abandon()
            exchange.upstream = nil
            releaseLease(of: exchange)
        }
        queued = []
        respondLocally(.badRequest, "malformed HTTP request\n", close: true)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { exchange?.upstream?.resumeReads() }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if shouldPauseReads {
            heldRead = true
        } else {
            context.read()
        }
    }

    /// Reading stops while a request waits for its response (no unbounded pipelining), while a body
    /// piles up before a machine is connected, and while the machine cannot take more body.
    var shouldPauseReads: Bool {
        guard let exchange else { return false }
        if exchange.requestEnded { return true }
        if exchange.local { return false }
        if let upstream = exchange.upstream, exchange.sent { return !upstream.isWritable }
        return exchange.bodyBytes > edge.options.replayBodyLimit
    }

    func resumeReadsIfHeld() {
        guard heldRead, !shouldPauseReads, let context else { return }
        heldRead = false
        context.read()
    }

    // MARK: - A new request

    private func start(_ head: HTTPRequestHead) {
        timeouts.headReceived()
        let options = edge.options
        if head.uri.utf8.count > options.maxRequestLineBytes {
            return reject(head, .uriTooLong, "request line too long\n")
        }
        if head.headers.count > options.maxHeaderCount
            || head.headers.reduce(0, { $0 + $1.name.utf8.count + $1.value.utf8.count }) > options.maxHeaderBytes
        {
            return reject(head, .requestHeaderFieldsTooLarge, "request headers too large\n")
        }
        let host = head.headers["host"].first
        guard let claim = HostRouter.claim(host: host, in: edge.view.claims(localPort: localPort), hostnames: options.hostnames)
        else {
            return reject(head, .notFound, "no app answers for host \(host ?? "(none)") on this port\n", close: false)
        }
        if claim.port.forceHTTPS && scheme == "http" {
            let redirect = HTTPExchange(localFor: head, claim: claim)
            exchange = redirect
            observeStart(redirect, claim: claim, host: host)
            let location = Self.redirectLocation(host: host, uri: head.uri, claim: claim, options: options)
            respondLocally(.movedPermanently, "", close: !head.isKeepAlive, headers: [("Location", location)])
            return
        }
        let connection = head.headers[canonicalForm: "connection"].map { $0.lowercased() }
        let isUpgrade = head.headers.contains(name: "upgrade") && connection.contains("upgrade")
        var pin: LoadBalancer.Pin?
        if let id = head.headers["fly-force-instance-id"].first {
            pin = .force(id)
        } else if let id = head.headers["fly-prefer-instance-id"].first {
            pin = .prefer(id)
        }
        let requestID = RequestID.make(region: options.region)
        let origin = ForwardedHeaders.Origin(
            clientIP: context?.remoteAddress?.ipAddress ?? "127.0.0.1", scheme: scheme, publicPort: claim.publicPort,
            region: options.region, requestID: requestID)
        var upstreamHead = head
        upstreamHead.version = .http1_1
        upstreamHead.headers = ForwardedHeaders.request(head.headers, origin: origin, upgrade: isUpgrade)
        let exchange = HTTPExchange(
            claim: claim, head: upstreamHead, clientVersion: head.version, clientKeepAlive: head.isKeepAlive,
            requestID: requestID, isUpgrade: isUpgrade, pin: pin)
        self.exchange = exchange
        observeStart(exchange, claim: claim, host: host)
        dispatch()
    }

    private func reject(_ head: HTTPRequestHead, _ status: HTTPResponseStatus, _ message: String, close: Bool = true) {
        exchange = HTTPExchange(localFor: head, claim: nil)
        respondLocally(status, message, close: close || !head.isKeepAlive)
    }

    /// `https://<host>[:<tls port>]<uri>`: the service's TLS port (443 unless it has another), as this
    /// host serves it (offset or port map applied).
    static func redirectLocation(host: String?, uri: String, claim: PortClaim, options: ProxyOptions) -> String {
        var name = host ?? "localhost"
        if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
            name = String(name[...close])
        } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        let tlsPort = claim.routes.service.ports.first { $0.handlers.contains("tls") }?.start ?? 443
        let local = options.localPort(app: claim.app, publicPort: tlsPort)
        return "https://\(name)\(local == 443 ? "" : ":\(local)")\(uri.hasPrefix("/") ? uri : "/" + uri)"
    }

    // MARK: - Answers of the proxy itself

    /// Answers the current request without an app. With `close`, the connection closes after it.
    func respondLocally(
        _ status: HTTPResponseStatus, _ message: String, close: Bool, headers extra: [(String, String)] = []
    ) {
        guard let context else { return }
        let exchange = self.exchange ?? HTTPExchange(localFor: HTTPRequestHead(version: .http1_1, method: .GET, uri: "/"), claim: nil)
        self.exchange = exchange
        exchange.local = true
        exchange.responseStarted = true
        exchange.status = Int(status.code)
        exchange.bytesOut += message.utf8.count
        if close { closing = true }
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "text/plain; charset=utf-8")
        headers.add(name: "content-length", value: String(message.utf8.count))
        for (name, value) in extra { headers.add(name: name, value: value) }
        if closing { headers.add(name: "connection", value: "close") }
        let version = exchange.clientVersion
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: status, headers: headers))), promise: nil)
        if !message.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: message)))), promise: nil)
        }
        let end = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: end)
        lastEnd = end.futureResult
        if closing || exchange.requestEnded {
            finish()
        } else {
            resumeReadsIfHeld()
        }
    }

    /// The current exchange is over: close, or serve the next request.
    func finish() {
        guard let context else { return }
        if let exchange {
            observeEnd(exchange)
            releaseLease(of: exchange)
            if !exchange.clientKeepAlive { closing = true }
        }
        exchange = nil
        if closing {
            let channel = context.channel
            if let lastEnd {
                lastEnd.whenComplete { _ in channel.close(promise: nil) }
            } else {
                context.close(promise: nil)
            }
            return
        }
        timeouts.responseFinished()
        let pending = queued
        queued = []
        for part in pending { handle(part) }
        resumeReadsIfHeld()
    }

    /// Gives the exchange's slot back (per request), or keeps it on the connection (`connections`).
    func releaseLease(of exchange: HTTPExchange) {
        guard let lease = exchange.lease else { return }
        exchange.lease = nil
        if lease == connectionLease { return }
        edge.balancer.release(lease)
    }
}

extension SocketAddress {
    var clientIP: String { ipAddress ?? "127.0.0.1" }
}
