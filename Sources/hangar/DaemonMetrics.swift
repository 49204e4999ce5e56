import Foundation
import HangarProxy
import Metrics
import Prometheus
import Synchronization

/// The daemon's metrics: swift-metrics bootstrapped once with a Prometheus registry, rendered as
/// text at `GET /metrics` on the API socket.
enum DaemonMetrics {
    private static let installed = Mutex<PrometheusCollectorRegistry?>(nil)

    /// The registry every metric of this process reports to (bootstrapping `MetricsSystem` the first
    /// time; later calls return the same registry).
    static func bootstrap() -> PrometheusCollectorRegistry {
        installed.withLock { installed in
            if let registry = installed { return registry }
            let registry = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.durationHistogramBuckets[ProxyMetrics.durationLabel] = ProxyMetrics.latencyBuckets
            MetricsSystem.bootstrap(factory)
            Gauge(label: "hangar_daemon_start_time_seconds").record(Date().timeIntervalSince1970.rounded(.down))
            installed = registry
            return registry
        }
    }

    /// The renderer `APIRoutes` serves at `/metrics`.
    static func renderer(_ registry: PrometheusCollectorRegistry) -> @Sendable () -> [UInt8] {
        { registry.emitToBuffer() }
    }
}
