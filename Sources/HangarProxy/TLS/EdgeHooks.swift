import NIOCore
import Synchronization

// Public API (the daemon, when it starts the edge):
//
//     let certificates = try CertificateStore(home: location.home)
//     let edge = EdgeProxy(options: options, demand: supervisor, hooks: .edge(certificates: certificates))
//
// `tls` ports get a `TLSTerminator` per listener shape (its apps and `tls_options`), made once and
// reused for every connection, so each certificate's NIOSSL context is built once. The apps on the
// port are the ones whose `<app>.localhost` names are served, and a port with a single app serves its
// certificate to unknown or missing SNI names (see TLSTerminator.swift). `proxy_proto` ports send a
// v1 header, or v2 when `proxy_proto_options.version = "v2"`; an invalid version sends none (the
// config check reports it).

extension PipelineHooks {
    /// TLS termination from `certificates`, and PROXY protocol headers per each port's options.
    public static func edge(certificates: CertificateStore) -> PipelineHooks {
        let terminators = EdgeTerminators(store: certificates)
        return PipelineHooks(
            tlsHandler: { binding in terminators.terminator(for: binding)?.makeHandler() },
            proxyHeader: { source, destination, claim in
                guard let version = try? ProxyProtocolVersion(options: claim.port.proxyProtoOptions) else { return nil }
                return ProxyProtocolHeader(source: source, destination: destination)
                    .buffer(version, allocator: ByteBufferAllocator())
            })
    }
}

/// The terminators of the listening `tls` ports, by port, apps and options.
final class EdgeTerminators: Sendable {
    let store: CertificateStore
    private let cache = Mutex<[Key: TLSTerminator]>([:])

    struct Key: Hashable {
        var port: Int
        var apps: [String]
        var options: TLSTerminatorOptions
    }

    init(store: CertificateStore) {
        self.store = store
    }

    func terminator(for binding: PortBinding) -> TLSTerminator? {
        var apps: [String] = []
        for claim in binding.claims where !apps.contains(claim.app) { apps.append(claim.app) }
        guard let first = binding.claims.first,
            let options = try? TLSTerminatorOptions(
                tlsOptions: first.port.tlsOptions, speaksHTTP: binding.isHTTP, defaultApp: apps.count == 1 ? apps[0] : nil)
        else { return nil }
        let key = Key(port: binding.localPort, apps: apps.sorted(), options: options)
        return cache.withLock { cache in
            if let existing = cache[key] { return existing }
            // A port's old shapes are dropped when it changes.
            cache = cache.filter { $0.key.port != key.port }
            let known = Set(apps)
            let made = TLSTerminator(store: store, options: options, isKnownApp: { known.contains($0) })
            cache[key] = made
            return made
        }
    }
}
