import NIOCore
import NIOHTTP1

/// What an upstream connection tells the downstream request that is using it. Everything happens on
/// the one event loop both channels share.
protocol UpstreamDelegate: AnyObject {
    func upstreamHead(_ head: HTTPResponseHead)
    func upstreamBody(_ body: ByteBuffer)
    func upstreamEnd(_ trailers: HTTPHeaders?)
    func upstreamReadComplete()
    /// The connection closed or failed before the response ended.
    func upstreamFailed()
    func upstreamWritable()
}

/// One keep-alive HTTP/1.1 connection to a target, the last handler of its channel. It is lent to
/// one request at a time and goes back to its loop's pool when the response ended cleanly.
final class UpstreamConnection: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    let key: String
    let channel: Channel
    weak var delegate: (any UpstreamDelegate)?
    private(set) var context: ChannelHandlerContext?
    /// Set while the downstream cannot take more: reads wait.
    var readsPaused = false
    private var heldRead = false
    /// The response in progress ended (the connection may be reused).
    private(set) var idle = true
    /// The response asked to close the connection after it.
    private(set) var closeAfterResponse = false
    private(set) var isClosed = false
    var idleTimer: Scheduled<Void>?
    /// True once any part of a response arrived for the current request.
    private(set) var receivedResponse = false

    init(key: String, channel: Channel) {
        self.key = key
        self.channel = channel
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Starts a request: the next response belongs to `delegate`.
    func begin(delegate: any UpstreamDelegate) {
        self.delegate = delegate
        idle = false
        receivedResponse = false
        closeAfterResponse = false
        idleTimer?.cancel()
        idleTimer = nil
    }

    func write(_ part: HTTPClientRequestPart, flush: Bool = false) {
        guard let context else { return }
        if flush {
            context.writeAndFlush(wrapOutboundOut(part), promise: nil)
        } else {
            context.write(wrapOutboundOut(part), promise: nil)
        }
    }

    func flush() {
        context?.flush()
    }

    var isWritable: Bool { channel.isWritable }

    func resumeReads() {
        readsPaused = false
        if heldRead {
            heldRead = false
            context?.read()
        }
    }

    /// Detaches the delegate (the request gave up on this connection) and closes it.
    func abandon() {
        delegate = nil
        isClosed = true
        channel.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        receivedResponse = true
        switch unwrapInboundIn(data) {
        case .head(let head):
            if !head.isKeepAlive { closeAfterResponse = true }
            if head.status == .switchingProtocols { closeAfterResponse = true }
            delegate?.upstreamHead(head)
        case .body(let body):
            delegate?.upstreamBody(body)
        case .end(let trailers):
            idle = true
            let delegate = self.delegate
            self.delegate = nil
            delegate?.upstreamEnd(trailers)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        delegate?.upstreamReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        isClosed = true
        idleTimer?.cancel()
        let delegate = self.delegate
        self.delegate = nil
        delegate?.upstreamFailed()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { delegate?.upstreamWritable() }
    }

    func read(context: ChannelHandlerContext) {
        if readsPaused {
            heldRead = true
        } else {
            context.read()
        }
    }

    /// Hands the raw channel over (after a 101): removes the HTTP handlers and this one.
    func removeHTTPHandlers() {
        delegate = nil
        guard let context else { return }
        let pipeline = context.pipeline.syncOperations
        pipeline.removeHandler(context: context, promise: nil)
        if let encoder = try? pipeline.handler(type: HTTPRequestEncoder.self) {
            pipeline.removeHandler(encoder, promise: nil)
        }
        if let decoder = try? pipeline.handler(type: ByteToMessageHandler<HTTPResponseDecoder>.self) {
            pipeline.removeHandler(decoder, promise: nil)
        }
    }
}
