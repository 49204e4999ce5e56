import HangarCore
import NIOCore
import NIOHTTP1
import NIOPosix

/// The edge: listens on every public port of the routing tables it is given (offset or mapped per
/// the options), and serves each with the port's handlers: raw TCP passthrough, or `http` (with
/// `tls` in front when asked). It reads tables from the runtime's stream and sends demand (wakes and
/// load reports) through the `DemandSink`.
///
///     let edge = EdgeProxy(options: options, demand: supervisor, metrics: ProxyMetrics(), accessLog: accessLog)
///     try await edge.start()
///     await edge.run(updates: await supervisor.routingUpdates())   // until cancelled
public actor EdgeProxy {
    public let options: ProxyOptions
    private let group: MultiThreadedEventLoopGroup
    private let ownsGroup: Bool
    private let view: RoutingView
    private let balancer: LoadBalancer
    private let context: EdgeContext
    private var listeners: [Int: (shape: String, channel: any Channel)] = [:]
    /// Ports that failed to bind, with why (reported once per change).
    public private(set) var failures: [Int: ListenerError] = [:]
    private let log: @Sendable (String) -> Void

    public init(
        options: ProxyOptions, demand: any DemandSink, hooks: PipelineHooks = PipelineHooks(),
        metrics: ProxyMetrics? = nil, accessLog: AccessLog? = nil, log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.options = options
        let threads = options.threads > 0 ? options.threads : System.coreCount
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        ownsGroup = true
        view = RoutingView(options: options)
        balancer = LoadBalancer(sink: demand, metrics: metrics)
        var loops: [any EventLoop] = []
        for loop in group.makeIterator() { loops.append(loop) }
        context = EdgeContext(
            view: view, balancer: balancer, hooks: hooks, loops: loops, metrics: metrics, accessLog: accessLog)
        self.log = log
    }

    /// The local ports listened on now.
    public var ports: [Int] { listeners.keys.sorted() }

    /// Reconciles to each table of the stream until it ends or the task is cancelled, then stops
    /// listening. Load reports also go out every `reportEvery` so idle machines are seen.
    public func run(updates: AsyncStream<RoutingTable>, reportEvery: Duration = .seconds(5)) async {
        let reporter = Task { [balancer, view] in
            while !Task.isCancelled {
                try? await Task.sleep(for: reportEvery)
                await balancer.reportAll(apps: view.snapshot.table.apps.map(\.app))
            }
        }
        for await table in updates {
            await apply(table)
        }
        reporter.cancel()
        await stop()
    }

    /// Uses a new table: routes switch at once, listeners open and close to match its ports.
    /// Returns the ports that could not be bound.
    @discardableResult
    public func apply(_ table: RoutingTable) async -> [ListenerError] {
        let snapshot = view.update(table)
        balancer.changed()
        for conflict in snapshot.layout.conflicts { log("proxy: \(conflict)") }
        var errors: [ListenerError] = []
        for (port, entry) in listeners where snapshot.layout.bindings[port]?.shape != entry.shape {
            listeners[port] = nil
            try? await entry.channel.close()
        }
        for (port, binding) in snapshot.layout.bindings.sorted(by: { $0.key < $1.key }) where listeners[port] == nil {
            do {
                let channel = try await bind(binding)
                listeners[port] = (binding.shape, channel)
                failures[port] = nil
                log("proxy: listening on \(options.bindHost):\(port) (\(binding.shape)) for \(binding.claims.map(\.app).joined(separator: ", "))")
            } catch {
                let failure = ListenerError(port: port, apps: binding.claims.map(\.app), reason: Self.reason(error))
                if failures[port] != failure { log("proxy: \(failure)") }
                failures[port] = failure
                errors.append(failure)
            }
        }
        for port in failures.keys where snapshot.layout.bindings[port] == nil { failures[port] = nil }
        return errors
    }

    /// Closes every listener and the event loops. Open connections are closed with them.
    public func stop() async {
        for (_, entry) in listeners { try? await entry.channel.close() }
        listeners = [:]
        if ownsGroup { try? await group.shutdownGracefully() }
    }

    /// The in-flight work per machine of an app, as the balancer counts it.
    public nonisolated func load(app: String) -> [String: Int] {
        balancer.load(app: app)
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? IOError {
            switch error.errnoCode {
            case 13: return "permission denied"
            case 98: return "the port is already in use"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }

    private func bind(_ binding: PortBinding) async throws -> any Channel {
        let context = self.context
        let port = binding.localPort
        let options = self.options
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: !binding.isHTTP)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.configure(channel: channel, binding: binding, port: port, context: context, options: options)
                }
            }
            .bind(host: options.bindHost, port: port)
            .get()
    }

    /// The pipeline of one accepted connection.
    private static func configure(
        channel: any Channel, binding: PortBinding, port: Int, context: EdgeContext, options: ProxyOptions
    ) throws {
        let pipeline = channel.pipeline.syncOperations
        if binding.isTLS {
            guard let tls = context.hooks.tlsHandler?(binding) else {
                channel.close(promise: nil)
                return
            }
            try pipeline.addHandler(tls)
        }
        guard binding.isHTTP else {
            try pipeline.addHandler(TCPPassthroughHandler(localPort: port, edge: context))
            return
        }
        let idle = binding.claims.first?.port.httpOptions?.idleTimeout.map { Duration.seconds(Int64($0)) }
        let headerRead = binding.claims.first?.port.httpOptions?.headersReadTimeout.map { Duration.seconds(Int64($0)) }
        let timeouts = HTTPRequestTimeouts(
            idleTimeout: idle ?? options.idleTimeout, headerTimeout: headerRead ?? options.headerReadTimeout)
        try pipeline.addHandler(timeouts)
        try pipeline.addHandler(HTTPResponseEncoder())
        try pipeline.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes)))
        try pipeline.addHandler(
            HTTPEdgeHandler(localPort: port, scheme: binding.isTLS ? "https" : "http", edge: context, timeouts: timeouts))
    }
}
