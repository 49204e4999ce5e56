import NIOCore

/// The pieces a listener's pipelines are built from that come from elsewhere in the module: TLS
/// termination (a server handler per connection, choosing the certificate by SNI) and the PROXY
/// protocol header sent to the app first. Both are nil when the edge runs without them.
public struct PipelineHooks: Sendable {
    /// A TLS server handler for a new connection on a `tls` port (the claims tell which apps' names
    /// it serves). Nil means the connection is refused (no TLS available).
    public var tlsHandler: (@Sendable (PortBinding) -> (any ChannelHandler & Sendable)?)?
    /// The PROXY protocol header for a connection from `source` to `destination`, per the port's
    /// `proxy_proto_options`.
    public var proxyHeader: (@Sendable (_ source: SocketAddress?, _ destination: SocketAddress?, PortClaim) -> ByteBuffer?)?

    public init(
        tlsHandler: (@Sendable (PortBinding) -> (any ChannelHandler & Sendable)?)? = nil,
        proxyHeader: (@Sendable (SocketAddress?, SocketAddress?, PortClaim) -> ByteBuffer?)? = nil
    ) {
        self.tlsHandler = tlsHandler
        self.proxyHeader = proxyHeader
    }
}
