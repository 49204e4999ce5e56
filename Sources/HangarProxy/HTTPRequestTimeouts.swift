import NIOCore

/// Sits before the HTTP decoder and times the connection: a connection waiting for a request is
/// closed after the idle timeout; once a request's first byte arrives its headers must be complete
/// within the header-read timeout (slow clients get a 408 and a close). No timer runs while a
/// request is being served.
final class HTTPRequestTimeouts: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        case waiting
        case readingHead
        case busy
    }

    private let idleTimeout: Duration
    private let headerTimeout: Duration
    private var phase = Phase.waiting
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(idleTimeout: Duration, headerTimeout: Duration) {
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // A new connection must send its first request's headers in time.
        phase = .readingHead
        arm(headerTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if phase == .waiting {
            phase = .readingHead
            arm(headerTimeout)
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        context.fireChannelInactive()
    }

    /// The decoder produced a request head: no timer while it is served.
    func headReceived() {
        phase = .busy
        timer?.cancel()
        timer = nil
    }

    /// The response ended and the connection stays open: wait for the next request.
    func responseFinished() {
        phase = .waiting
        arm(idleTimeout)
    }

    private func arm(_ timeout: Duration) {
        timer?.cancel()
        guard let context else { return }
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: .init(timeout)) {
            bound.value.fire()
        }
    }

    private func fire() {
        guard let context else { return }
        switch phase {
        case .readingHead:
            var buffer = context.channel.allocator.buffer(capacity: 96)
            buffer.writeString("HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n")
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
            context.close(promise: nil)
        case .waiting:
            context.close(promise: nil)
        case .busy:
            break
        }
    }
}
