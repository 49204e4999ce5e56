import NIOCore

/// What every connection handler of the edge shares: the newest routes, the balancer, the options,
/// the pipeline hooks and the per-loop upstream pools.
final class EdgeContext: Sendable {
    let view: RoutingView
    let balancer: LoadBalancer
    let hooks: PipelineHooks
    private let pools: [ObjectIdentifier: UpstreamPool]

    var options: ProxyOptions { view.options }

    init(view: RoutingView, balancer: LoadBalancer, hooks: PipelineHooks, loops: [any EventLoop]) {
        self.view = view
        self.balancer = balancer
        self.hooks = hooks
        var pools: [ObjectIdentifier: UpstreamPool] = [:]
        for loop in loops {
            pools[ObjectIdentifier(loop)] = UpstreamPool(eventLoop: loop, options: view.options)
        }
        self.pools = pools
    }

    /// The pool of the loop a connection runs on (connections are made and reused on that loop).
    func pool(for loop: any EventLoop) -> UpstreamPool? {
        pools[ObjectIdentifier(loop)]
    }
}
