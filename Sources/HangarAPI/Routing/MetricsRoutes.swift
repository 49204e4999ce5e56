/// `GET /metrics`: the daemon's metrics in Prometheus' text exposition format (version 0.0.4).
/// The daemon passes the renderer (its Prometheus registry); without one the route answers 404.
enum MetricsRoutes {
    static func routes(_ render: (@Sendable () -> [UInt8])?) -> [Route] {
        guard let render else { return [] }
        return [
            Route("GET", "/metrics") { _ in
                HTTPResponse(
                    status: 200, headers: HTTPHeaders([("Content-Type", "text/plain; version=0.0.4; charset=utf-8")]),
                    body: .bytes(render()))
            }
        ]
    }
}
