import FlyConfig
import Foundation
import Glibc
import HangarCore
import HangarProxy
import NIOCore
import NIOPosix
import Testing

/// The edge with `PipelineHooks.edge(certificates:)`: HTTPS through the proxy with curl trusting
/// Hangar's CA, and the PROXY header a `proxy_proto` port sends to the app.
@Suite(.serialized) struct EdgeHooksTests {
    static func edge(_ harness: EdgeProxyHarness, _ store: CertificateStore, publicPorts: [Int], apps: [String])
        -> (EdgeProxy, [Int: Int])
    {
        var mapping: [Int: Int] = [:]
        for port in publicPorts { mapping[port] = EdgeProxyHarness.freePort() }
        var options = ProxyOptions(bindHost: "127.0.0.1", portMap: Dictionary(uniqueKeysWithValues: apps.map { ($0, mapping) }))
        options.threads = 2
        return (EdgeProxy(options: options, demand: harness.sink, hooks: .edge(certificates: store)), mapping)
    }

    @Test func httpsReachesTheAppWithTheLocalCA() async throws {
        let home = CertsTestHome()
        let store = try CertificateStore(home: home.path)
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("m1")
        try harness.startUpstream("m2")
        let https = PortSpec(start: 443, end: 443, handlers: ["tls", "http"])
        let (edge, ports) = Self.edge(harness, store, publicPorts: [443], apps: ["web", "api"])
        let errors = await edge.apply(
            EdgeProxyHarness.table([
                ("web", EdgeProxyHarness.service(ports: [https]), [harness.target("m1")]),
                ("api", EdgeProxyHarness.service(ports: [https]), [harness.target("m2")]),
            ]))
        #expect(errors.isEmpty)
        let local = try #require(ports[443])
        let ca = store.authority.certificatePath
        for (app, machine) in [("web", "m1"), ("api", "m2")] {
            let result = EdgeProxyHarness.curl([
                "--cacert", ca, "--resolve", "\(app).localhost:\(local):127.0.0.1", "https://\(app).localhost:\(local)/tls",
            ])
            #expect(result.exitCode == 0)
            #expect(result.status == 200)
            #expect(result.machine == machine)
            #expect(result.seenHeaders["x-forwarded-proto"] == "https")
            #expect(result.seenHeaders["x-forwarded-ssl"] == "on")
        }
        // Two apps share the port: a name that is neither gets no certificate.
        let unknown = EdgeProxyHarness.curl([
            "--cacert", ca, "--resolve", "ghost.test:\(local):127.0.0.1", "https://ghost.test:\(local)/",
        ])
        #expect(unknown.exitCode != 0)
        // A host added while the edge runs is served at once.
        try CertificateStore(home: home.path).add(host: "shop.example.test", app: "web")
        let added = EdgeProxyHarness.curl([
            "--cacert", ca, "--resolve", "shop.example.test:\(local):127.0.0.1", "https://shop.example.test:\(local)/",
        ])
        #expect(added.exitCode == 0)
        await edge.stop()
    }

    @Test(arguments: [ProxyProtocolVersion.v1, .v2])
    func proxyProtoPortsSendTheHeaderFirst(_ version: ProxyProtocolVersion) async throws {
        let home = CertsTestHome()
        let store = try CertificateStore(home: home.path)
        let harness = try EdgeProxyHarness()
        let upstream = try EdgeHooksRecordingUpstream()
        let port = PortSpec(
            start: 5432, end: 5432, handlers: ["proxy_proto"],
            proxyProtoOptions: version == .v2 ? ProxyProtoOptions(version: "v2") : nil)
        let (edge, ports) = Self.edge(harness, store, publicPorts: [5432], apps: ["db"])
        let target = Target(machineID: "m1", group: "web", version: "1", host: "127.0.0.1", port: upstream.port, state: .ready)
        let errors = await edge.apply(
            EdgeProxyHarness.table([("db", EdgeProxyHarness.service(ports: [port]), [target])]))
        #expect(errors.isEmpty)
        let local = try #require(ports[5432])
        _ = EdgeProxyHarness.rawExchange(port: local, send: Array("hello".utf8), timeout: 1)
        let received = try await upstream.received(atLeast: 5)
        guard case .header(let header, let decoded, let consumed) = ProxyProtocolDecoder.decode(received) else {
            Issue.record("no PROXY header in \(received)")
            await edge.stop()
            return
        }
        #expect(decoded == version)
        guard case .tcp4(let source, let destination, _, let destinationPort) = header.addresses else {
            Issue.record("not TCP4: \(header)")
            await edge.stop()
            return
        }
        #expect(source == [127, 0, 0, 1])
        #expect(destination == [127, 0, 0, 1])
        #expect(Int(destinationPort) == local)
        #expect(Array(received[consumed...]) == Array("hello".utf8))
        try await upstream.stop()
        await edge.stop()
    }
}

/// A TCP server on loopback that keeps every byte it receives.
final class EdgeHooksRecordingUpstream: @unchecked Sendable {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let collector = Collector()
    var channel: (any Channel)?
    var port: Int { channel?.localAddress?.port ?? 0 }

    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8] = []
        func append(_ more: [UInt8]) {
            lock.lock()
            bytes += more
            lock.unlock()
        }
        var snapshot: [UInt8] {
            lock.lock()
            defer { lock.unlock() }
            return bytes
        }
    }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let collector: Collector
        init(collector: Collector) { self.collector = collector }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            collector.append(buffer.readBytes(length: buffer.readableBytes) ?? [])
        }
    }

    init() throws {
        let collector = self.collector
        channel = try ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Handler(collector: collector))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }

    func received(atLeast count: Int) async throws -> [UInt8] {
        for _ in 0..<500 {
            let bytes = collector.snapshot
            if bytes.count >= count, ProxyProtocolDecoder.decode(bytes) != .needMoreData {
                if case .header(_, _, let consumed) = ProxyProtocolDecoder.decode(bytes), bytes.count - consumed < count {
                    try await Task.sleep(for: .milliseconds(10))
                    continue
                }
                return bytes
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return collector.snapshot
    }

    func stop() async throws {
        try await channel?.close()
        try await group.shutdownGracefully()
    }
}
