import Metrics
import Synchronization

// Public API (the proxy keeps one `ServiceMetrics` per service and calls it on the hot path):
//
//     let metrics = ProxyMetrics()                                  // uses MetricsSystem's factory
//     let web = metrics.service(app: "web", service: "http_service") // cached: call once per service
//     let started = web.requestStarted()
//     web.requestFinished(status: 200, startedAt: started)
//     web.bytes(in: requestBytes, out: responseBytes)
//     web.queued(); web.dequeued()                                   // around a wait for capacity
//     web.machineLoad(machineID: id, inFlight: n)                    // whenever a machine's count changes
//     web.connectionOpened(); web.connectionClosed()                 // tcp/tls ports, and http connections
//     metrics.forget(app: "web")                                     // when an app goes away
//
// Series (labels `app`, `service`; `machine` on the per-machine gauge):
//   hangar_proxy_requests_total{status="1xx".."5xx"}   counter, one per status class
//   hangar_proxy_request_duration_seconds              histogram (buckets `latencyBuckets`)
//   hangar_proxy_requests_in_flight                    gauge
//   hangar_proxy_received_bytes_total / _sent_bytes_total   counters (from clients / to clients)
//   hangar_proxy_queue_depth                           gauge: requests waiting for capacity
//   hangar_proxy_connections_total, hangar_proxy_open_connections
//   hangar_proxy_machine_concurrency{machine}          gauge: the load the balancer counts
// With the Prometheus factory, the daemon sets `latencyBuckets` for the duration histogram.

/// The edge's metrics, per app and service, through swift-metrics.
public final class ProxyMetrics: Sendable {
    public static let requestsLabel = "hangar_proxy_requests_total"
    public static let durationLabel = "hangar_proxy_request_duration_seconds"
    public static let inFlightLabel = "hangar_proxy_requests_in_flight"
    public static let receivedLabel = "hangar_proxy_received_bytes_total"
    public static let sentLabel = "hangar_proxy_sent_bytes_total"
    public static let queueLabel = "hangar_proxy_queue_depth"
    public static let connectionsLabel = "hangar_proxy_connections_total"
    public static let openConnectionsLabel = "hangar_proxy_open_connections"
    public static let machineLabel = "hangar_proxy_machine_concurrency"

    /// Histogram buckets for request latency: sub-millisecond to ten seconds.
    public static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    let factory: (any MetricsFactory)?
    private let services = Mutex<[ServiceKey: ServiceMetrics]>([:])

    struct ServiceKey: Hashable {
        var app: String
        var service: String
    }

    /// With no factory, the one `MetricsSystem.bootstrap` installed (at the time each series is made).
    public init(factory: (any MetricsFactory)? = nil) {
        self.factory = factory
    }

    /// The metrics of one service (made on first use, then the same object).
    public func service(app: String, service: String) -> ServiceMetrics {
        let key = ServiceKey(app: app, service: service)
        return services.withLock { services in
            if let existing = services[key] { return existing }
            let made = ServiceMetrics(app: app, service: service, factory: factory)
            services[key] = made
            return made
        }
    }

    /// Drops the cached handles of an app's services (its series stay in the registry).
    public func forget(app: String) {
        services.withLock { services in services = services.filter { $0.key.app != app } }
    }
}

/// One service's series. Safe to call from any thread.
public final class ServiceMetrics: Sendable {
    public let app: String
    public let service: String
    let factory: (any MetricsFactory)?
    let byClass: [Counter]
    let duration: Timer
    let inFlightGauge: Gauge
    let received: Counter
    let sent: Counter
    let queueGauge: Gauge
    let connections: Counter
    let openGauge: Gauge
    let inFlightCount = Atomic<Int>(0)
    let queueCount = Atomic<Int>(0)
    let openCount = Atomic<Int>(0)
    private let machines = Mutex<[String: Gauge]>([:])

    init(app: String, service: String, factory: (any MetricsFactory)?) {
        self.app = app
        self.service = service
        self.factory = factory
        let labels = [("app", app), ("service", service)]
        byClass = (1...5).map { digit in
            Counter(label: ProxyMetrics.requestsLabel, dimensions: labels + [("status", "\(digit)xx")], using: factory)
        }
        duration = Timer(label: ProxyMetrics.durationLabel, dimensions: labels, using: factory)
        inFlightGauge = Gauge(label: ProxyMetrics.inFlightLabel, dimensions: labels, using: factory)
        received = Counter(label: ProxyMetrics.receivedLabel, dimensions: labels, using: factory)
        sent = Counter(label: ProxyMetrics.sentLabel, dimensions: labels, using: factory)
        queueGauge = Gauge(label: ProxyMetrics.queueLabel, dimensions: labels, using: factory)
        connections = Counter(label: ProxyMetrics.connectionsLabel, dimensions: labels, using: factory)
        openGauge = Gauge(label: ProxyMetrics.openConnectionsLabel, dimensions: labels, using: factory)
        queueGauge.record(0)
        inFlightGauge.record(0)
        openGauge.record(0)
    }

    /// A request arrived (counted in flight until `requestFinished`); returns its start time.
    @discardableResult
    public func requestStarted() -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        inFlightGauge.record(inFlightCount.add(1, ordering: .relaxed).newValue)
        return now
    }

    /// The response went out with `status` (the time is taken from `startedAt` to now). A status
    /// outside 100...599 is counted as 5xx (the proxy answered for a broken upstream).
    public func requestFinished(status: Int, startedAt: ContinuousClock.Instant) {
        let digit = (100...599).contains(status) ? status / 100 : 5
        byClass[digit - 1].increment()
        duration.recordNanoseconds(Self.nanoseconds(ContinuousClock.now - startedAt))
        inFlightGauge.record(max(0, inFlightCount.subtract(1, ordering: .relaxed).newValue))
    }

    /// Bytes read from the client (`in`) and written to it (`out`).
    public func bytes(in received: Int, out sent: Int) {
        if received > 0 { self.received.increment(by: received) }
        if sent > 0 { self.sent.increment(by: sent) }
    }

    /// A request started waiting for a machine below its hard limit.
    public func queued() {
        queueGauge.record(queueCount.add(1, ordering: .relaxed).newValue)
    }

    /// A waiting request got a machine, or gave up.
    public func dequeued() {
        queueGauge.record(max(0, queueCount.subtract(1, ordering: .relaxed).newValue))
    }

    /// The load the balancer counts on a machine now (connections or requests, per the service).
    public func machineLoad(machineID: String, inFlight: Int) {
        let gauge = machines.withLock { machines in
            if let gauge = machines[machineID] { return gauge }
            let gauge = Gauge(
                label: ProxyMetrics.machineLabel,
                dimensions: [("app", app), ("service", service), ("machine", machineID)], using: factory)
            machines[machineID] = gauge
            return gauge
        }
        gauge.record(inFlight)
    }

    public func connectionOpened() {
        connections.increment()
        openGauge.record(openCount.add(1, ordering: .relaxed).newValue)
    }

    public func connectionClosed() {
        openGauge.record(max(0, openCount.subtract(1, ordering: .relaxed).newValue))
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        let (scaled, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return Int64.max }
        return max(0, scaled + parts.attoseconds / 1_000_000_000)
    }
}

extension Counter {
    convenience init(label: String, dimensions: [(String, String)], using factory: (any MetricsFactory)?) {
        if let factory {
            self.init(label: label, dimensions: dimensions, factory: factory)
        } else {
            self.init(label: label, dimensions: dimensions)
        }
    }
}

extension Timer {
    convenience init(label: String, dimensions: [(String, String)], using factory: (any MetricsFactory)?) {
        if let factory {
            self.init(label: label, dimensions: dimensions, factory: factory)
        } else {
            self.init(label: label, dimensions: dimensions)
        }
    }
}

extension Gauge {
    convenience init(label: String, dimensions: [(String, String)], using factory: (any MetricsFactory)?) {
        if let factory {
            self.init(label: label, dimensions: dimensions, factory: factory)
        } else {
            self.init(label: label, dimensions: dimensions)
        }
    }
}
