import HangarCore
import NIOCore
import NIOHTTP1

/// What the `http` handler reports about each request when it ends: the service's request count by
/// status class, latency and bytes (`ProxyMetrics`), and one access log line (`AccessLog`).
extension HTTPEdgeHandler {
    /// Starts measuring a request routed to `claim` (and counts the connection for the first one).
    func observeStart(_ exchange: HTTPExchange, claim: PortClaim, host: String?) {
        let metrics = edge.serviceMetrics(claim)
        exchange.metrics = metrics
        exchange.startedAt = metrics?.requestStarted() ?? ContinuousClock.now
        exchange.host = host ?? ""
        exchange.clientIP = context?.remoteAddress?.clientIP ?? "127.0.0.1"
        if connectionMetrics == nil, let metrics {
            connectionMetrics = metrics
            metrics.connectionOpened()
        }
    }

    /// The exchange is over (answered, spliced, or its client went away): counted and logged once.
    /// `status` replaces the exchange's own (a request abandoned before any answer).
    func observeEnd(_ exchange: HTTPExchange, status override: Int? = nil) {
        guard !exchange.recorded, !exchange.claim.app.isEmpty else { return }
        exchange.recorded = true
        let status = override ?? exchange.status
        if let metrics = exchange.metrics {
            metrics.requestFinished(status: status, startedAt: exchange.startedAt)
            metrics.bytes(in: exchange.bytesIn, out: exchange.bytesOut)
        }
        guard let accessLog = edge.accessLog else { return }
        accessLog.record(
            AccessLogRecord(
                app: exchange.claim.app, machineID: exchange.servedBy?.machineID ?? "",
                group: exchange.servedBy?.group ?? exchange.claim.routes.group, method: exchange.head.method.rawValue,
                path: exchange.head.uri, status: status, duration: ContinuousClock.now - exchange.startedAt,
                bytesIn: exchange.bytesIn, bytesOut: exchange.bytesOut, requestID: exchange.requestID,
                clientIP: exchange.clientIP, host: exchange.host, errorCode: exchange.errorCode,
                errorMessage: exchange.errorMessage))
    }

    /// The client connection closed: an unfinished exchange ends with the status it got (499 when
    /// none went out), and the connection stops being counted.
    func observeClose(_ exchange: HTTPExchange?) {
        if let exchange { observeEnd(exchange, status: exchange.status == 0 ? 499 : nil) }
        connectionMetrics?.connectionClosed()
        connectionMetrics = nil
    }
}
