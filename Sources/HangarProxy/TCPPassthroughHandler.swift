import HangarCore
import NIOCore
import NIOPosix

/// A raw TCP port (no `http` handler): each accepted connection takes a slot on a target chosen by
/// the balancer, connects to it (another target on connection failure), and is then spliced to it
/// byte for byte. Bytes that arrive meanwhile are kept (bounded: reading pauses).
final class TCPPassthroughHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer

    private let localPort: Int
    private let edge: EdgeContext
    private var buffered: [ByteBuffer] = []
    private var bufferedBytes = 0
    private var heldRead = false
    private var lease: Lease?
    private var closed = false
    /// The service's metrics once the connection has an app (its close is counted once).
    private var metrics: ServiceMetrics?

    private static let bufferLimit = 256 * 1024

    init(localPort: Int, edge: EdgeContext) {
        self.localPort = localPort
        self.edge = edge
    }

    func channelActive(context: ChannelHandlerContext) {
        guard let claim = edge.view.claims(localPort: localPort).first else {
            context.close(promise: nil)
            return
        }
        metrics = edge.serviceMetrics(claim)
        metrics?.connectionOpened()
        dispatch(context: context, claim: claim, excluding: [], attempt: 0)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        bufferedBytes += bytes.readableBytes
        buffered.append(bytes)
    }

    func read(context: ChannelHandlerContext) {
        if bufferedBytes >= Self.bufferLimit {
            heldRead = true
        } else {
            context.read()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        metrics?.connectionClosed()
        metrics = nil
        if let lease {
            edge.balancer.release(lease)
            self.lease = nil
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func dispatch(context: ChannelHandlerContext, claim: PortClaim, excluding: Set<String>, attempt: Int) {
        let edge = self.edge
        let (now, _) = edge.balancer.tryAcquire(app: claim.app, routes: claim.routes, excluding: excluding)
        if let now {
            connect(context: context, claim: claim, lease: now, excluding: excluding, attempt: attempt)
            return
        }
        let group = claim.routes.group
        let internalPort = claim.routes.service.internalPort
        let app = claim.app
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        Task {
            let outcome = await edge.balancer.acquire(
                app: app, routes: { edge.view.routes(app: app, group: group, internalPort: internalPort) },
                excluding: excluding, queueTimeout: edge.options.queueTimeout, wakeTimeout: edge.options.wakeTimeout)
            loop.execute {
                let (handler, context) = bound.value
                switch outcome {
                case .lease(let lease):
                    handler.connect(context: context, claim: claim, lease: lease, excluding: excluding, attempt: attempt)
                case .overloaded, .gone:
                    context.close(promise: nil)
                }
            }
        }
    }

    private func connect(context: ChannelHandlerContext, claim: PortClaim, lease: Lease, excluding: Set<String>, attempt: Int) {
        guard !closed else {
            edge.balancer.release(lease)
            return
        }
        self.lease = lease
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        ClientBootstrap(group: loop)
            .connectTimeout(.init(edge.options.connectTimeout))
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelOption(.autoRead, value: false)
            .connect(host: lease.target.host, port: lease.target.port)
            .whenComplete { result in
                let (handler, context) = bound.value
                switch result {
                case .success(let upstream):
                    handler.splice(context: context, upstream: upstream, claim: claim)
                case .failure:
                    if let lease = handler.lease {
                        handler.edge.balancer.release(lease)
                        handler.lease = nil
                    }
                    guard !handler.closed, attempt < handler.edge.options.retries else {
                        context.close(promise: nil)
                        return
                    }
                    handler.dispatch(
                        context: context, claim: claim, excluding: excluding.union([lease.target.machineID]),
                        attempt: attempt + 1)
                }
            }
    }

    private func splice(context: ChannelHandlerContext, upstream: Channel, claim: PortClaim) {
        guard !closed else {
            upstream.close(promise: nil)
            return
        }
        if claim.isProxyProto, let header = edge.hooks.proxyHeader?(context.remoteAddress, context.localAddress, claim) {
            upstream.write(header, promise: nil)
        }
        for bytes in buffered { upstream.write(bytes, promise: nil) }
        upstream.flush()
        buffered = []
        let (downstreamGlue, upstreamGlue) = GlueHandler.pair()
        let lease = self.lease
        self.lease = nil
        let balancer = edge.balancer
        let metrics = self.metrics
        self.metrics = nil
        metrics?.bytes(in: bufferedBytes, out: 0)
        downstreamGlue.onClose = {
            if let lease { balancer.release(lease) }
            metrics?.connectionClosed()
        }
        if let metrics {
            downstreamGlue.onRead = { metrics.bytes(in: $0, out: 0) }
            upstreamGlue.onRead = { metrics.bytes(in: 0, out: $0) }
        }
        do {
            try upstream.pipeline.syncOperations.addHandler(upstreamGlue)
            try context.pipeline.syncOperations.addHandler(downstreamGlue)
        } catch {
            if let lease { balancer.release(lease) }
            metrics?.connectionClosed()
            upstream.close(promise: nil)
            context.close(promise: nil)
            return
        }
        let channel = context.channel
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        upstream.setOption(.autoRead, value: true).whenComplete { _ in }
        if heldRead {
            heldRead = false
            channel.read()
        }
    }
}
