import FlyConfig
import NIOCore
import NIOSSL
import NIOTLS
import Synchronization

// Public API (for the listeners of ports with the `tls` handler):
//
//     let options = try TLSTerminatorOptions(tlsOptions: port.tlsOptions, speaksHTTP: port.handlers.contains("http"),
//                                            defaultApp: appAloneOnThisPort)
//     let terminator = TLSTerminator(store: certificateStore, options: options,
//                                    isKnownApp: { name in currentTable.app(name) != nil })
//     // in childChannelInitializer, before the plaintext handlers:
//     try terminator.addHandlers(to: channel)
//     // or, where a single Sendable handler is wanted (PipelineHooks.tlsHandler):
//     terminator.makeHandler()   // installs the same handlers when added, then leaves
//
// After the handshake the pipeline sees a `TLSConnectionInfo` user event (after NIOSSL's own
// `TLSUserEvent.handshakeCompleted`), before any plaintext byte: the SNI name, the certificate's
// host, the app that host belongs to, and the negotiated ALPN protocol. A raw `tls` port routes on
// `info.app` / `info.serverName`.
//
// Certificate choice, from the ClientHello's SNI name:
//   1. a host from `hangar certs add` (exact, then a `*.` wildcard) or an app's `<app>.localhost`;
//   2. `<app>.localhost` or `<anything>.<app>.localhost` for an app `isKnownApp` accepts: the app's
//      certificate, issued by the local CA on first use;
//   3. anything else, or no SNI at all: the certificate of `defaultApp` when the port has one app;
//      otherwise the connection is closed before the handshake (no certificate is offered).
// Only TLS 1.2 and 1.3 with AEAD suites. ALPN: `tls_options.alpn` when given, else `http/1.1` on
// ports that also have the `http` handler and none on raw `tls` ports; `h2` is dropped on `http`
// ports because the proxy speaks HTTP/1.1 there. The NIOSSL context of each certificate is made
// once and reused until the certificate changes.

/// How a port's TLS is set up (from its `tls_options`).
public struct TLSTerminatorOptions: Sendable, Hashable {
    public var alpn: [String]
    public var minimumVersion: TLSVersion
    public var maximumVersion: TLSVersion
    /// The app whose certificate answers an unknown or missing SNI name; nil closes such connections.
    public var defaultApp: String?

    public init(alpn: [String], minimumVersion: TLSVersion = .tlsv12, maximumVersion: TLSVersion = .tlsv13, defaultApp: String?) {
        self.alpn = alpn
        self.minimumVersion = minimumVersion
        self.maximumVersion = maximumVersion
        self.defaultApp = defaultApp
    }

    /// From a port's `tls_options`: `alpn` (see the file's notes) and `versions` (`TLSv1.2`, `TLSv1.3`).
    public init(tlsOptions: TLSOptions?, speaksHTTP: Bool, defaultApp: String?) throws(CertificateError) {
        var alpn = tlsOptions?.alpn ?? (speaksHTTP ? ["http/1.1"] : [])
        if speaksHTTP {
            alpn.removeAll { $0 == "h2" }
            if alpn.isEmpty { alpn = ["http/1.1"] }
        }
        var versions: [TLSVersion] = []
        for text in tlsOptions?.versions ?? ["TLSv1.2", "TLSv1.3"] {
            switch String(text.lowercased().map { $0 == "_" ? "." : $0 }) {
            case "tlsv1.2", "tls1.2", "1.2": versions.append(.tlsv12)
            case "tlsv1.3", "tls1.3", "1.3": versions.append(.tlsv13)
            default:
                throw .invalid("tls_options.versions: \"\(text)\" is not supported; use \"TLSv1.2\" and/or \"TLSv1.3\"")
            }
        }
        let hasTwelve = versions.contains(.tlsv12)
        let hasThirteen = versions.contains(.tlsv13)
        self.init(
            alpn: alpn, minimumVersion: hasTwelve ? .tlsv12 : .tlsv13, maximumVersion: hasThirteen ? .tlsv13 : .tlsv12,
            defaultApp: defaultApp)
    }
}

/// Sent down the pipeline (a user inbound event) once the TLS handshake is done.
public struct TLSConnectionInfo: Sendable, Hashable {
    /// The SNI name the client sent (normalised), if any.
    public var serverName: String?
    /// The host whose certificate was served.
    public var certificateHost: String
    /// The app that host belongs to (nil for a `hangar certs add` host without an app).
    public var app: String?
    /// The ALPN protocol agreed, if any.
    public var applicationProtocol: String?
}

/// Terminates TLS on a connection, with the certificate chosen by SNI.
public final class TLSTerminator: Sendable {
    public let store: CertificateStore
    public let options: TLSTerminatorOptions
    let isKnownApp: @Sendable (String) -> Bool
    private let contexts = Mutex<[String: (material: TLSMaterial, context: NIOSSLContext)]>([:])

    static let ciphers: [NIOTLSCipher] = [
        .TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, .TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        .TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, .TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        .TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, .TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ]

    static let sniHandlerName = "hangar.tls.sni"

    public init(store: CertificateStore, options: TLSTerminatorOptions, isKnownApp: @escaping @Sendable (String) -> Bool) {
        self.store = store
        self.options = options
        self.isKnownApp = isKnownApp
    }

    /// Adds the SNI reader as the first handler of a new connection; the TLS handler follows it once
    /// the ClientHello has been read. Call on the channel's event loop (in `childChannelInitializer`).
    public func addHandlers(to channel: Channel) throws {
        let sni = ByteToMessageHandler(
            SNIHandler { [self] result in
                self.serverNameReceived(result, channel: channel)
            })
        try channel.pipeline.syncOperations.addHandler(sni, name: Self.sniHandlerName, position: .first)
    }

    /// The certificate host and NIOSSL context for an SNI name (see the file's notes), or nil.
    public func context(forServerName serverName: String?) -> (material: TLSMaterial, context: NIOSSLContext)? {
        guard let material = material(forServerName: serverName) else { return nil }
        let host = material.entry.host
        if let cached = contexts.withLock({ $0[host] }), cached.material === material { return cached }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: material.chain.map { .certificate($0) }, privateKey: .privateKey(material.key))
        configuration.minimumTLSVersion = options.minimumVersion
        configuration.maximumTLSVersion = options.maximumVersion
        configuration.cipherSuiteValues = Self.ciphers
        configuration.applicationProtocols = options.alpn
        guard let context = try? NIOSSLContext(configuration: configuration) else { return nil }
        contexts.withLock { $0[host] = (material, context) }
        return (material, context)
    }

    func material(forServerName serverName: String?) -> TLSMaterial? {
        if let serverName, !serverName.isEmpty {
            let name = HostName.normalise(serverName)
            if let found = store.material(forServerName: name) { return found }
            if let app = Self.localhostApp(name), isKnownApp(app), (try? store.ensureAppCertificate(app: app)) != nil,
                let issued = store.material(forServerName: app + ".localhost")
            {
                return issued
            }
        }
        guard let app = options.defaultApp, (try? store.ensureAppCertificate(app: app)) != nil else { return nil }
        return store.material(forServerName: app + ".localhost")
    }

    /// `web` for `web.localhost` and `x.web.localhost`.
    static func localhostApp(_ name: String) -> String? {
        guard name.hasSuffix(".localhost") else { return nil }
        let labels = name.dropLast(".localhost".count).split(separator: ".")
        return labels.last.map(String.init)
    }

    private func serverNameReceived(_ result: SNIResult, channel: Channel) -> EventLoopFuture<Void> {
        let serverName: String?
        switch result {
        case .hostname(let name): serverName = HostName.normalise(name)
        case .fallback: serverName = nil
        }
        guard let (material, context) = context(forServerName: serverName) else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(CertificateError.invalid("no certificate for \(serverName ?? "(no SNI)")"))
        }
        let info = TLSConnectionInfo(
            serverName: serverName, certificateHost: material.entry.host, app: material.entry.app, applicationProtocol: nil)
        do {
            let operations = channel.pipeline.syncOperations
            let sni = try operations.context(name: Self.sniHandlerName)
            let tls = NIOSSLServerHandler(context: context)
            try operations.addHandler(tls, position: .after(sni.handler))
            try operations.addHandler(TLSHandshakeObserver(info: info), position: .after(tls))
            return channel.eventLoop.makeSucceededVoidFuture()
        } catch {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(error)
        }
    }
}

/// Installs a terminator's handlers when it is added to a pipeline, then removes itself.
public final class TLSTerminatorInstaller: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    public typealias InboundIn = ByteBuffer

    public let terminator: TLSTerminator

    init(terminator: TLSTerminator) {
        self.terminator = terminator
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        do {
            try terminator.addHandlers(to: context.channel)
        } catch {
            context.close(promise: nil)
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}

extension TLSTerminator {
    /// A handler that sets up TLS on the connection it is added to (see `addHandlers(to:)`).
    public func makeHandler() -> TLSTerminatorInstaller {
        TLSTerminatorInstaller(terminator: self)
    }
}

/// Turns NIOSSL's handshake event into a `TLSConnectionInfo` event, then leaves the pipeline.
final class TLSHandshakeObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    let info: TLSConnectionInfo

    init(info: TLSConnectionInfo) {
        self.info = info
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        context.fireUserInboundEventTriggered(event)
        guard let tls = event as? TLSUserEvent, case .handshakeCompleted(let negotiated) = tls else { return }
        var completed = info
        completed.applicationProtocol = negotiated
        context.fireUserInboundEventTriggered(completed)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
