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
        connection.idleTimer = eventLoop.scheduleTask(in: .init(options.upstreamIdleTimeout)) { [weak self, weak connection] in
            guard let self, let connection else { return }
            self.remove(connection)
            connection.abandon()
        }
        idle[connection.key, default: []].append(connection)
        // A pooled connection the target closes leaves the pool.
        connection.channel.closeFuture.whenComplete { [weak self, weak connection] _ in
            guard let self, let connection else { return }
            self.remove(connection)
        }
    }

    private func remove(_ connection: UpstreamConnection) {
        guard var list = idle[connection.key] else { return }
        list.removeAll { $0 === connection }
        idle[connection.key] = list.isEmpty ? nil : list
    }

    /// A new connection to the target, on this loop.
    func connect(host: String, port: Int) -> EventLoopFuture<UpstreamConnection> {
        let key = Self.key(host: host, port: port)
        return ClientBootstrap(group: eventLoop)
            .connectTimeout(.init(options.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers(leftOverBytesStrategy: .forwardBytes)
                    try channel.pipeline.syncOperations.addHandler(UpstreamConnection(key: key, channel: channel))
                }
            }
            .connect(host: host, port: port)
            .flatMapThrowing { channel in
                try channel.pipeline.syncOperations.handler(type: UpstreamConnection.self)
            }
    }
}
