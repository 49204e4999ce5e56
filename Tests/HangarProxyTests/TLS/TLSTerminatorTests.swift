import FlyConfig
import Foundation
import HangarProxy
import NIOCore
import NIOPosix
import Testing

/// A loopback NIO server that terminates TLS with a `TLSTerminator` and answers every HTTP request
/// with what it learnt from the handshake: `sni=<name> host=<cert host> app=<app> alpn=<protocol>`.
final class TLSTerminatorTestServer {
    let group: MultiThreadedEventLoopGroup
    let channel: Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    init(terminator: TLSTerminator) async throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try terminator.addHandlers(to: channel)
                    try channel.pipeline.syncOperations.addHandler(TLSInfoResponder())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Replies once a request head has arrived, with the connection's `TLSConnectionInfo`.
final class TLSInfoResponder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    var info: TLSConnectionInfo?
    var received: [UInt8] = []

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let info = event as? TLSConnectionInfo { self.info = info }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard received.count >= 4, String(decoding: received, as: UTF8.self).contains("\r\n\r\n") else { return }
        received = []
        let body =
            "sni=\(info?.serverName ?? "-") host=\(info?.certificateHost ?? "-") app=\(info?.app ?? "-") "
            + "alpn=\(info?.applicationProtocol ?? "-")"
        let response = "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(string: response))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}

/// Runs a command line tool to completion (stdin closed) and returns its status and output.
enum TLSTestTool {
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func curl(_ host: String, port: Int, ca: String, extra: [String] = []) throws -> (status: Int32, output: String) {
        try run(
            ["curl", "-sS", "--max-time", "10", "--cacert", ca, "--resolve", "\(host):\(port):127.0.0.1"] + extra
                + ["https://\(host):\(port)/"])
    }

    static func openssl(port: Int, serverName: String?, ca: String, options: [String]) throws -> String {
        try opensslRun(port: port, serverName: serverName, ca: ca, options: options).output
    }

    static func opensslRun(port: Int, serverName: String?, ca: String, options: [String]) throws -> (status: Int32, output: String) {
        var arguments = ["openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", ca, "-verify_return_error"]
        if let serverName { arguments += ["-servername", serverName] } else { arguments += ["-noservername"] }
        return try run(arguments + options)
    }
}

@Suite(.serialized) struct TLSTerminatorTests {
    static func terminator(_ home: CertsTestHome, defaultApp: String? = nil, alpn: [String]? = nil, speaksHTTP: Bool = true)
        throws -> TLSTerminator
    {
        let store = try CertificateStore(home: home.path)
        let tls = alpn.map { FlyTLSOptionsForTests.make(alpn: $0) }
        let options = try TLSTerminatorOptions(tlsOptions: tls, speaksHTTP: speaksHTTP, defaultApp: defaultApp)
        return TLSTerminator(store: store, options: options, isKnownApp: { ["web", "api"].contains($0) })
    }

    @Test func curlReachesAnAppByItsLocalhostName() async throws {
        let home = CertsTestHome()
        let terminator = try Self.terminator(home)
        let server = try await TLSTerminatorTestServer(terminator: terminator)
        let ca = terminator.store.authority.certificatePath
        let web = try TLSTestTool.curl("web.localhost", port: server.port, ca: ca)
        #expect(web.status == 0)
        #expect(web.output == "sni=web.localhost host=web.localhost app=web alpn=http/1.1")
        let sub = try TLSTestTool.curl("v2.api.localhost", port: server.port, ca: ca)
        #expect(sub.output == "sni=v2.api.localhost host=api.localhost app=api alpn=http/1.1")
        try await server.stop()
    }

    @Test func sniPicksTheAddedHostsLeaf() async throws {
        let home = CertsTestHome()
        let terminator = try Self.terminator(home)
        let server = try await TLSTerminatorTestServer(terminator: terminator)
        let ca = terminator.store.authority.certificatePath
        // Added after the server started, by "another process": seen without a restart.
        try CertificateStore(home: home.path).add(host: "shop.example.test", app: "web")
        let result = try TLSTestTool.curl("shop.example.test", port: server.port, ca: ca)
        #expect(result.output == "sni=shop.example.test host=shop.example.test app=web alpn=http/1.1")
        try await server.stop()
    }

    @Test func unknownNamesFailTheHandshakeWithoutADefaultApp() async throws {
        let home = CertsTestHome()
        let terminator = try Self.terminator(home)
        let server = try await TLSTerminatorTestServer(terminator: terminator)
        let ca = terminator.store.authority.certificatePath
        #expect(try TLSTestTool.curl("nobody.test", port: server.port, ca: ca).status != 0)
        #expect(try TLSTestTool.curl("ghost.localhost", port: server.port, ca: ca).status != 0)
        try await server.stop()
    }

    @Test func unknownNamesGetTheDefaultAppsCertificate() async throws {
        let home = CertsTestHome()
        let terminator = try Self.terminator(home, defaultApp: "web")
        let server = try await TLSTerminatorTestServer(terminator: terminator)
        let ca = terminator.store.authority.certificatePath
        // The certificate does not name the host, so verification fails; with -k the route is visible.
        #expect(try TLSTestTool.curl("other.test", port: server.port, ca: ca).status != 0)
        let insecure = try TLSTestTool.curl("other.test", port: server.port, ca: ca, extra: ["-k"])
        #expect(insecure.output == "sni=other.test host=web.localhost app=web alpn=http/1.1")
        let output = try TLSTestTool.openssl(port: server.port, serverName: nil, ca: ca, options: ["-tls1_3"])
        #expect(output.contains("CN = web.localhost"))
        try await server.stop()
    }

    @Test(arguments: [("-tls1_2", "TLSv1.2"), ("-tls1_3", "TLSv1.3")])
    func opensslNegotiatesBothVersionsAndALPN(_ flag: String, _ version: String) async throws {
        let home = CertsTestHome()
        let terminator = try Self.terminator(home)
        let server = try await TLSTerminatorTestServer(terminator: terminator)
        let ca = terminator.store.authority.certificatePath
        let output = try TLSTestTool.openssl(
            port: server.port, serverName: "web.localhost", ca: ca, options: [flag, "-alpn", "h2,http/1.1"])
        #expect(output.contains("New, \(version), Cipher is"))
        #expect(output.contains("ALPN protocol: http/1.1"))
        #expect(output.contains("Verify return code: 0 (ok)"))
        try await server.stop()
    }

    @Test func tlsOneDotOneIsRefused() async throws {
        let home = CertsTestHome()
        let terminator = try Self.terminator(home)
        let server = try await TLSTerminatorTestServer(terminator: terminator)
        let ca = terminator.store.authority.certificatePath
        let result = try TLSTestTool.opensslRun(
            port: server.port, serverName: "web.localhost", ca: ca, options: ["-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"])
        #expect(result.status != 0)
        #expect(!result.output.contains("TLSv1.1, Cipher is"))
        try await server.stop()
    }

    @Test func alpnComesFromTLSOptions() async throws {
        let home = CertsTestHome()
        let terminator = try Self.terminator(home, alpn: ["mqtt"], speaksHTTP: false)
        let server = try await TLSTerminatorTestServer(terminator: terminator)
        let ca = terminator.store.authority.certificatePath
        let output = try TLSTestTool.openssl(port: server.port, serverName: "web.localhost", ca: ca, options: ["-alpn", "mqtt"])
        #expect(output.contains("ALPN protocol: mqtt"))
        try await server.stop()
    }

    @Test func optionsFollowFlysRules() throws {
        let http = try TLSTerminatorOptions(tlsOptions: nil, speaksHTTP: true, defaultApp: nil)
        #expect(http.alpn == ["http/1.1"])
        #expect(http.minimumVersion == .tlsv12 && http.maximumVersion == .tlsv13)
        #expect(try TLSTerminatorOptions(tlsOptions: nil, speaksHTTP: false, defaultApp: nil).alpn == [])
        let h2 = try TLSTerminatorOptions(tlsOptions: FlyTLSOptionsForTests.make(alpn: ["h2", "http/1.1"]), speaksHTTP: true, defaultApp: nil)
        #expect(h2.alpn == ["http/1.1"])
        let only13 = try TLSTerminatorOptions(
            tlsOptions: FlyTLSOptionsForTests.make(alpn: nil, versions: ["TLSv1.3"]), speaksHTTP: true, defaultApp: nil)
        #expect(only13.minimumVersion == .tlsv13)
        #expect(throws: HangarProxy.CertificateError.self) {
            try TLSTerminatorOptions(
                tlsOptions: FlyTLSOptionsForTests.make(alpn: nil, versions: ["TLSv1.0"]), speaksHTTP: true, defaultApp: nil)
        }
    }
}

/// `tls_options` values for the tests.
enum FlyTLSOptionsForTests {
    static func make(alpn: [String]?, versions: [String]? = nil) -> FlyConfig.TLSOptions {
        var options = FlyConfig.TLSOptions()
        options.alpn = alpn
        options.versions = versions
        return options
    }
}
