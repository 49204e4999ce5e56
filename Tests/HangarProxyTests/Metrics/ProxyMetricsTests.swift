import CoreMetrics
import HangarProxy
import Synchronization
import Testing

/// A metrics backend that keeps every value in memory, keyed `label{name=value,...}`.
final class ProxyMetricsRecordingFactory: MetricsFactory, Sendable {
    let values = Mutex<[String: [Double]]>([:])

    static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        label + "{" + dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }

    func last(_ label: String, _ dimensions: [(String, String)]) -> Double? {
        values.withLock { $0[Self.key(label, dimensions)]?.last }
    }

    func all(_ label: String, _ dimensions: [(String, String)]) -> [Double] {
        values.withLock { $0[Self.key(label, dimensions)] ?? [] }
    }

    final class Handler: CounterHandler, RecorderHandler, TimerHandler, FloatingPointCounterHandler, MeterHandler, Sendable {
        let key: String
        let factory: ProxyMetricsRecordingFactory
        let cumulative: Bool

        init(key: String, factory: ProxyMetricsRecordingFactory, cumulative: Bool) {
            self.key = key
            self.factory = factory
            self.cumulative = cumulative
        }

        func store(_ value: Double) {
            factory.values.withLock { values in
                let previous = values[key]?.last ?? 0
                values[key, default: []].append(cumulative ? previous + value : value)
            }
        }

        func increment(by amount: Int64) { store(Double(amount)) }
        func increment(by amount: Double) { store(amount) }
        func decrement(by amount: Double) { store(-amount) }
        func reset() {}
        func record(_ value: Int64) { store(Double(value)) }
        func record(_ value: Double) { store(value) }
        func set(_ value: Int64) { store(Double(value)) }
        func set(_ value: Double) { store(value) }
        func recordNanoseconds(_ duration: Int64) { store(Double(duration)) }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        Handler(key: Self.key(label, dimensions), factory: self, cumulative: true)
    }
    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        Handler(key: Self.key(label, dimensions), factory: self, cumulative: true)
    }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Handler(key: Self.key(label, dimensions), factory: self, cumulative: false)
    }
    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        Handler(key: Self.key(label, dimensions), factory: self, cumulative: false)
    }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        Handler(key: Self.key(label, dimensions), factory: self, cumulative: false)
    }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyMeter(_ handler: any MeterHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}

@Suite struct ProxyMetricsTests {
    static let labels = [("app", "web"), ("service", "http_service")]

    @Test func requestsAreCountedByStatusClassWithTheirLatency() {
        let factory = ProxyMetricsRecordingFactory()
        let metrics = ProxyMetrics(factory: factory)
        let web = metrics.service(app: "web", service: "http_service")
        #expect(metrics.service(app: "web", service: "http_service") === web)
        let first = web.requestStarted()
        let second = web.requestStarted()
        #expect(factory.last(ProxyMetrics.inFlightLabel, Self.labels) == 2)
        web.requestFinished(status: 200, startedAt: first)
        web.requestFinished(status: 503, startedAt: second)
        let third = web.requestStarted()
        web.requestFinished(status: 204, startedAt: third)
        #expect(factory.last(ProxyMetrics.requestsLabel, Self.labels + [("status", "2xx")]) == 2)
        #expect(factory.last(ProxyMetrics.requestsLabel, Self.labels + [("status", "5xx")]) == 1)
        #expect(factory.last(ProxyMetrics.requestsLabel, Self.labels + [("status", "4xx")]) == nil)
        #expect(factory.last(ProxyMetrics.inFlightLabel, Self.labels) == 0)
        let durations = factory.all(ProxyMetrics.durationLabel, Self.labels)
        #expect(durations.count == 3)
        #expect(durations.allSatisfy { $0 >= 0 })
    }

    @Test func bytesQueueConnectionsAndMachineLoad() {
        let factory = ProxyMetricsRecordingFactory()
        let web = ProxyMetrics(factory: factory).service(app: "web", service: "http_service")
        web.bytes(in: 100, out: 2000)
        web.bytes(in: 0, out: 50)
        #expect(factory.last(ProxyMetrics.receivedLabel, Self.labels) == 100)
        #expect(factory.last(ProxyMetrics.sentLabel, Self.labels) == 2050)
        web.queued()
        web.queued()
        web.dequeued()
        #expect(factory.last(ProxyMetrics.queueLabel, Self.labels) == 1)
        web.connectionOpened()
        web.connectionOpened()
        web.connectionClosed()
        #expect(factory.last(ProxyMetrics.connectionsLabel, Self.labels) == 2)
        #expect(factory.last(ProxyMetrics.openConnectionsLabel, Self.labels) == 1)
        web.machineLoad(machineID: "3d8d9a1c2e4f56", inFlight: 4)
        web.machineLoad(machineID: "3d8d9a1c2e4f56", inFlight: 3)
        #expect(factory.last(ProxyMetrics.machineLabel, Self.labels + [("machine", "3d8d9a1c2e4f56")]) == 3)
    }

    @Test func oddStatusesCountAsServerErrors() {
        let factory = ProxyMetricsRecordingFactory()
        let web = ProxyMetrics(factory: factory).service(app: "web", service: "http_service")
        web.requestFinished(status: 0, startedAt: web.requestStarted())
        web.requestFinished(status: 101, startedAt: web.requestStarted())
        #expect(factory.last(ProxyMetrics.requestsLabel, Self.labels + [("status", "5xx")]) == 1)
        #expect(factory.last(ProxyMetrics.requestsLabel, Self.labels + [("status", "1xx")]) == 1)
    }
}
