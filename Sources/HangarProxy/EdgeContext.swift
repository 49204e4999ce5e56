import NIOCore

/// What every connection handler of the edge shares: the newest routes, the balancer, the options,
/// the pipeline hooks, the per-loop upstream pools, and where metrics and access log lines go.
final class EdgeContext: Sendable {
    let view: RoutingView
    let balancer: LoadBalancer
    let hooks: PipelineHooks
    let metrics: ProxyMetrics?
    let accessLog: AccessLog?
    private let pools: [ObjectIdentifier: UpstreamPool]

    var options: ProxyOptions { view.options }

    init(
        view: RoutingView, balancer: LoadBalancer, hooks: PipelineHooks, loops: [any EventLoop],
        metrics: ProxyMetrics? = nil, accessLog: AccessLog? = nil
    ) {
        self.view = view
        self.balancer = balancer
        self.hooks = hooks
        self.metrics = metrics
        self.accessLog = accessLog
        var pools: [ObjectIdentifier: UpstreamPool] = [:]
        for loop in loops {
            pools[ObjectIdentifier(loop)] = UpstreamPool(eventLoop: loop, options: view.options)
        }
        self.pools = pools
    }

    /// The metrics of a claim's service (nil without metrics).
    func serviceMetrics(_ claim: PortClaim) -> ServiceMetrics? {
        metrics?.service(app: claim.app, service: claim.routes.service.source)
    }

    /// The pool of the loop a connection runs on (connections are made and reused on that loop).
    func pool(for loop: any EventLoop) -> UpstreamPool? {
        pools[ObjectIdentifier(loop)]
    }
}
