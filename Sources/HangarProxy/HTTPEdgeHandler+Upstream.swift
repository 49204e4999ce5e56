import HangarCore
import NIOCore
import NIOHTTP1

/// The upstream half of the `http` handler: a slot from the balancer, a pooled connection to the
/// machine, the request sent (again on another machine after a connection failure, or to the
/// machine a `fly-replay` names), and the response passed back with Fly's response headers.
extension HTTPEdgeHandler: UpstreamDelegate {
    // MARK: - Choosing a machine

    func dispatch() {
        guard let exchange, let context, !closed else { return }
        let claim = exchange.claim
        let balancer = edge.balancer
        if claim.routes.service.concurrency.kind == .connections, let lease = connectionLease {
            let routes = edge.view.routes(app: claim.app, group: claim.routes.group, internalPort: claim.routes.service.internalPort)
            let stillReady = routes?.ready.contains { $0.machineID == lease.target.machineID } ?? false
            if lease.app == claim.app, stillReady, !exchange.excluded.contains(lease.target.machineID),
                exchange.pin.map({ Self.pinned($0) == lease.target.machineID }) ?? true
            {
                exchange.lease = lease
                return connect(lease: lease)
            }
            balancer.release(lease)
            connectionLease = nil
        }
        let current = edge.view.routes(app: claim.app, group: claim.routes.group, internalPort: claim.routes.service.internalPort) ?? claim.routes
        if let lease = balancer.tryAcquire(app: claim.app, routes: current, excluding: exchange.excluded, pin: exchange.pin).lease {
            return leased(lease)
        }
        balancer.wake(app: claim.app, routes: current)
        let view = edge.view
        let options = edge.options
        let (app, group, port) = (claim.app, claim.routes.group, claim.routes.service.internalPort)
        let (excluded, pin) = (exchange.excluded, exchange.pin)
        let bound = NIOLoopBound((self, exchange), eventLoop: context.eventLoop)
        let loop = context.eventLoop
        Task {
            let outcome = await balancer.acquire(
                app: app, routes: { view.routes(app: app, group: group, internalPort: port) }, excluding: excluded,
                pin: pin, queueTimeout: options.queueTimeout, wakeTimeout: options.wakeTimeout)
            loop.execute {
                let (handler, exchange) = bound.value
                guard case .lease(let lease) = outcome else {
                    if handler.exchange === exchange {
                        exchange.errorCode = "PR04"
                        exchange.errorMessage = "could not find a machine with room within \(options.queueTimeout)"
                    }
                    handler.respondLocally(.serviceUnavailable, "no machine of \(app) could take the request\n", close: false)
                    return
                }
                guard !handler.closed, handler.exchange === exchange else {
                    balancer.release(lease)
                    return
                }
                handler.leased(lease)
            }
        }
    }

    private static func pinned(_ pin: LoadBalancer.Pin) -> String? {
        if case .force(let id) = pin { return id }
        return nil
    }

    private func leased(_ lease: Lease) {
        guard let exchange else { return edge.balancer.release(lease) }
        exchange.lease = lease
        if exchange.claim.routes.service.concurrency.kind == .connections && !exchange.isUpgrade {
            connectionLease = lease
        }
        connect(lease: lease)
    }

    private func connect(lease: Lease) {
        guard let exchange, let context, let pool = edge.pool(for: context.eventLoop) else { return }
        if let pooled = pool.take(host: lease.target.host, port: lease.target.port) {
            exchange.upstreamReused = true
            return send(over: pooled)
        }
        exchange.upstreamReused = false
        pool.connect(host: lease.target.host, port: lease.target.port) { [self] connection in
            guard self.exchange === exchange, !closed else {
                if let connection { pool.put(connection) }
                return
            }
            if let connection {
                send(over: connection)
            } else {
                retry(excluding: lease.target.machineID)
            }
        }
    }

    /// Another machine (or the same one after a stale pooled connection), or a 502 when the retries
    /// are spent.
    private func retry(excluding machine: String?) {
        guard let exchange else { return }
        exchange.upstream = nil
        exchange.sent = false
        if let lease = exchange.lease {
            exchange.lease = nil
            if lease == connectionLease { connectionLease = nil }
            edge.balancer.release(lease)
        }
        exchange.attempt += 1
        if let machine { exchange.excluded.insert(machine) }
        guard exchange.attempt <= edge.options.retries + 1 else {
            exchange.errorCode = "PC01"
            exchange.errorMessage = "the machines refused or dropped the connection"
            return respondLocally(.badGateway, "the app's machines could not be reached\n", close: false)
        }
        dispatch()
    }

    private func send(over connection: UpstreamConnection) {
        guard let exchange else { return }
        exchange.upstream = connection
        exchange.servedBy = exchange.lease?.target
        connection.begin(delegate: self)
        var head = exchange.head
        if exchange.hops > 0 {
            head.headers.replaceOrAdd(
                name: "fly-replay-src", value: "instance=\(exchange.lease?.target.machineID ?? "");region=\(edge.options.region)")
        }
        connection.write(.head(head))
        for part in exchange.body { connection.write(.body(.byteBuffer(part))) }
        if !exchange.replayable { exchange.body = [] }
        exchange.sent = true
        if exchange.requestEnded { connection.write(.end(exchange.trailers)) }
        connection.flush()
        if !(context?.channel.isWritable ?? true) { connection.readsPaused = true }
        resumeReadsIfHeld()
    }

    // MARK: - UpstreamDelegate

    func upstreamHead(_ head: HTTPResponseHead) {
        guard let exchange, let context, let connection = exchange.upstream else { return }
        if let value = head.headers["fly-replay"].first, let replay = FlyReplay(header: value),
            exchange.replayable, exchange.requestEnded, exchange.hops < FlyReplay.hopLimit
        {
            // The app hands the request to another machine: drop this response and send it again.
            connection.abandon()
            exchange.upstream = nil
            exchange.sent = false
            if let lease = exchange.lease {
                exchange.lease = nil
                if lease == connectionLease { connectionLease = nil }
                edge.balancer.release(lease)
            }
            exchange.hops += 1
            exchange.excluded = []
            if let id = replay.instance {
                exchange.pin = .force(id)
            } else if let id = replay.preferInstance {
                exchange.pin = .prefer(id)
            }
            return dispatch()
        }
        exchange.responseStarted = true
        exchange.status = Int(head.status.code)
        let upgrade = exchange.isUpgrade && head.status == .switchingProtocols
        var headers = ForwardedHeaders.response(
            head.headers, options: exchange.claim.port.httpOptions?.response, requestID: exchange.requestID,
            upgrade: upgrade)
        if !upgrade {
            let framed = headers.contains(name: "content-length") || headers.contains(name: "transfer-encoding")
                || head.status.code < 200 || head.status == .noContent || head.status == .notModified
                || exchange.head.method == .HEAD
            if !exchange.clientKeepAlive || (exchange.clientVersion == .http1_0 && !framed) || exchange.isUpgrade {
                closing = true
            }
            if closing {
                headers.replaceOrAdd(name: "connection", value: "close")
            } else if exchange.clientVersion == .http1_0 {
                headers.replaceOrAdd(name: "connection", value: "keep-alive")
            }
        }
        let response = HTTPResponseHead(version: exchange.clientVersion, status: head.status, headers: headers)
        context.write(wrapOutboundOut(.head(response)), promise: nil)
        if upgrade { exchange.upgrading = true }
    }

    func upstreamBody(_ body: ByteBuffer) {
        guard let exchange, exchange.responseStarted, let context else { return }
        exchange.bytesOut += body.readableBytes
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        if !context.channel.isWritable { exchange.upstream?.readsPaused = true }
    }

    func upstreamReadComplete() {
        context?.flush()
    }

    func upstreamEnd(_ trailers: HTTPHeaders?) {
        guard let exchange, let context else { return }
        if exchange.upgrading, let connection = exchange.upstream {
            return splice(context: context, connection: connection)
        }
        let end = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(trailers)), promise: end)
        lastEnd = end.futureResult
        if let connection = exchange.upstream, let pool = edge.pool(for: context.eventLoop) {
            exchange.upstream = nil
            if exchange.requestEnded { pool.put(connection) } else { connection.abandon() }
        }
        if !exchange.requestEnded { closing = true }
        finish()
    }

    func upstreamFailed() {
        guard let exchange, let connection = exchange.upstream else { return }
        if exchange.mayResend {
            // A stale pooled connection is retried on the same machine first; a new one that fails
            // rules its machine out.
            let reusedStale = exchange.upstreamReused && !connection.receivedResponse
            return retry(excluding: reusedStale && exchange.attempt == 0 ? nil : exchange.lease?.target.machineID)
        }
        exchange.upstream = nil
        if exchange.responseStarted {
            closing = true
            context?.close(promise: nil)
        } else {
            exchange.errorCode = "PU02"
            exchange.errorMessage = "the machine closed the connection before answering"
            respondLocally(.badGateway, "the app closed the connection before answering\n", close: true)
        }
    }

    func upstreamWritable() {
        resumeReadsIfHeld()
    }

    // MARK: - Upgrade

    /// After a 101: both channels drop their HTTP handlers and are spliced byte for byte. The slot is
    /// held until either side closes.
    private func splice(context: ChannelHandlerContext, connection: UpstreamConnection) {
        guard let exchange else { return }
        context.flush()
        observeEnd(exchange)
        let lease = exchange.lease
        exchange.lease = nil
        self.exchange = nil
        let balancer = edge.balancer
        let (downstreamGlue, upstreamGlue) = GlueHandler.pair()
        // The connection stays counted until the spliced stream closes; its bytes count too.
        let metrics = connectionMetrics
        connectionMetrics = nil
        downstreamGlue.onClose = {
            if let lease { balancer.release(lease) }
            metrics?.connectionClosed()
        }
        if let metrics {
            downstreamGlue.onRead = { metrics.bytes(in: $0, out: 0) }
            upstreamGlue.onRead = { metrics.bytes(in: 0, out: $0) }
        }
        let pipeline = context.pipeline.syncOperations
        do {
            try connection.channel.pipeline.syncOperations.addHandler(upstreamGlue)
            try pipeline.addHandler(downstreamGlue)
        } catch {
            if let lease { balancer.release(lease) }
            metrics?.connectionClosed()
            connection.abandon()
            context.close(promise: nil)
            return
        }
        connection.removeHTTPHandlers()
        pipeline.removeHandler(context: context, promise: nil)
        if let encoder = try? pipeline.handler(type: HTTPResponseEncoder.self) { pipeline.removeHandler(encoder, promise: nil) }
        pipeline.removeHandler(timeouts, promise: nil)
        if let decoder = try? pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) {
            pipeline.removeHandler(decoder, promise: nil)
        }
        GlueHandler.flushAfterLeftovers(downstreamGlue, upstreamGlue, on: context.eventLoop)
        connection.resumeReads()
        context.channel.read()
    }
}
