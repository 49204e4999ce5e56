import NIOCore
import NIOHTTP1
import NIOPosix

/// The idle keep-alive connections to targets made on one event loop, by `host:port`. Only used on
/// its loop. An idle connection is closed after `upstreamIdleTimeout` (Fly keeps them about 4 s).
final class UpstreamPool: @unchecked Sendable {
    let eventLoop: any EventLoop
    private let options: ProxyOptions
    private var idle: [String: [UpstreamConnection]] = [:]

    init(eventLoop: any EventLoop, options: ProxyOptions) {
        self.eventLoop = eventLoop
        self.options = options
    }

    static func key(host: String, port: Int) -> String { "\(host):\(port)" }

    /// An open idle connection to the target, if the pool has one.
    func take(host: String, port: Int) -> UpstreamConnection? {
        let key = Self.key(host: host, port: port)
        while var list = idle[key], let connection = list.popLast() {
            idle[key] = list.isEmpty ? nil : list
            connection.idleTimer?.cancel()
            connection.idleTimer = nil
            if !connection.isClosed && connection.channel.isActive { return connection }
        }
        return nil
    }

    /// Keeps a connection whose response ended cleanly for the next request to the same target.
    func put(_ connection: UpstreamConnection) {
        guard !connection.isClosed, connection.idle, !connection.closeAfterResponse else {
            connection.abandon()
            return
        }
        let bound = NIOLoopBound((self, connection), eventLoop: eventLoop)
        connection.idleTimer = eventLoop.scheduleTask(in: .init(options.upstreamIdleTimeout)) {
            let (pool, connection) = bound.value
            pool.remove(connection)
            connection.abandon()
        }
        idle[connection.key, default: []].append(connection)
        // A pooled connection the target closes leaves the pool.
        connection.channel.closeFuture.whenComplete { _ in
            let (pool, connection) = bound.value
            pool.remove(connection)
        }
    }

    private func remove(_ connection: UpstreamConnection) {
        guard var list = idle[connection.key] else { return }
        list.removeAll { $0 === connection }
        idle[connection.key] = list.isEmpty ? nil : list
    }

    /// A new connection to the target, on this loop (nil when it could not be made).
    func connect(host: String, port: Int, then completion: @escaping (UpstreamConnection?) -> Void) {
        let key = Self.key(host: host, port: port)
        let bound = NIOLoopBound(completion, eventLoop: eventLoop)
        ClientBootstrap(group: eventLoop)
            .connectTimeout(.init(options.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Encoder and decoder only (no header validator), so a 101 can hand the raw channel over.
                    try channel.pipeline.syncOperations.addHandler(HTTPRequestEncoder())
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes)))
                    try channel.pipeline.syncOperations.addHandler(UpstreamConnection(key: key, channel: channel))
                }
            }
            .connect(host: host, port: port)
            .whenComplete { result in
                switch result {
                case .success(let channel):
                    bound.value(try? channel.pipeline.syncOperations.handler(type: UpstreamConnection.self))
                case .failure:
                    bound.value(nil)
                }
            }
    }
}
