import NIOCore

/// Splices two channels byte for byte with backpressure: what one reads the other writes, a side
/// stops reading while its partner cannot take more, and a half-close travels across.
final class GlueHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var partner: GlueHandler?
    private var context: ChannelHandlerContext?
    private var pendingRead = false
    /// Called once when this side's channel closes (used to release a lease).
    var onClose: (() -> Void)?
    /// Called with the size of every read on this side (used for byte counts).
    var onRead: ((Int) -> Void)?

    private init() {}

    /// Two glued handlers; add one to each channel.
    static func pair() -> (GlueHandler, GlueHandler) {
        let first = GlueHandler()
        let second = GlueHandler()
        first.partner = second
        second.partner = first
        return (first, second)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    private func partnerWrite(_ data: NIOAny) {
        context?.write(data, promise: nil)
    }

    private func partnerFlush() {
        context?.flush()
    }

    private func partnerWriteEOF() {
        context?.close(mode: .output, promise: nil)
    }

    private func partnerCloseFull() {
        context?.close(promise: nil)
    }

    private func partnerBecameWritable() {
        if pendingRead {
            pendingRead = false
            context?.read()
        }
    }

    private var partnerWritable: Bool { context?.channel.isWritable ?? false }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if let onRead { onRead(unwrapInboundIn(data).readableBytes) }
        partner?.partnerWrite(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.partnerFlush()
    }

    /// Flushes what this side passed to its partner outside a read cycle: the bytes a decoder hands
    /// on when it leaves the pipeline (those that came in the same packet as an upgrade) arrive with
    /// no `channelReadComplete` after them.
    func flushPartner() {
        partner?.partnerFlush()
    }

    /// Flushes both sides of a pair once the handlers being removed now have handed on their
    /// leftover bytes (a decoder does that in a task it queues on the loop; this one queues after).
    static func flushAfterLeftovers(_ first: GlueHandler, _ second: GlueHandler, on loop: any EventLoop) {
        let bound = NIOLoopBound((first, second), eventLoop: loop)
        loop.execute {
            bound.value.0.flushPartner()
            bound.value.1.flushPartner()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.partnerCloseFull()
        onClose?()
        onClose = nil
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event {
            partner?.partnerWriteEOF()
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { partner?.partnerBecameWritable() }
    }

    func read(context: ChannelHandlerContext) {
        if partner?.partnerWritable ?? false {
            context.read()
        } else {
            pendingRead = true
        }
    }
}
