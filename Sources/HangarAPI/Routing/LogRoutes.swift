import HangarRuntime

/// `GET /v1/hangar/apps/{app}/logs?machine=&group=&tail=&follow=1`. Without `follow`, a JSON array of the
/// last `tail` lines (default 100). With it, newline-delimited JSON (`application/x-ndjson`, chunked):
/// the last `tail` lines, then each new line as it is written, until the client disconnects.
enum LogRoutes {
    static func routes(_ runtime: any RuntimeControl) -> [Route] {
        [Route("GET", "/v1/hangar/apps/{app}/logs") { context in await logs(runtime, context) }]
    }

    static func query(_ context: RouteContext) -> Result<(LogQuery, Bool), APIError> {
        let machine = context.query["machine"].flatMap { $0.isEmpty ? nil : $0 }
        let group = (context.query["group"] ?? context.query["process"]).flatMap { $0.isEmpty ? nil : $0 }
        if let machine, let error = RequestRules.machineID(machine) { return .failure(error) }
        if let group, let error = RequestRules.group(group) { return .failure(error) }
        let tail: Int
        switch RequestRules.integer(context.query, "tail", in: RequestRules.tails, fallback: 100) {
        case .success(let value): tail = value
        case .failure(let error): return .failure(error)
        }
        let follow: Bool
        switch RequestRules.flag(context.query, "follow") {
        case .success(let value): follow = value
        case .failure(let error): return .failure(error)
        }
        return .success((LogQuery(app: context.parameter("app"), machine: machine, group: group, tail: tail), follow))
    }

    static func logs(_ runtime: any RuntimeControl, _ context: RouteContext) async -> HTTPResponse {
        let (query, follow): (LogQuery, Bool)
        switch Self.query(context) {
        case .success(let value): (query, follow) = value
        case .failure(let error): return .error(error)
        }
        guard follow else { return await Respond.with { () throws(ControlError) in try await runtime.logs(query) } }
        // Subscribe first, then read the recent lines, so nothing written in between is lost.
        let stream: AsyncStream<LogEntry>
        let recent: [LogEntry]
        do {
            stream = try await runtime.followLogs(query)
            recent = query.tail > 0 ? try await runtime.logs(query) : []
        } catch {
            return .error(APIError(error))
        }
        return HTTPResponse(
            status: 200, headers: HTTPHeaders([("Content-Type", "application/x-ndjson")]),
            body: .stream { sink in
                var duplicates = Set(recent.compactMap(line))
                for entry in recent {
                    guard let bytes = line(entry), sink.send(bytes) else { return }
                }
                for await entry in stream {
                    guard let bytes = line(entry) else { continue }
                    // A line written between subscribing and reading the recent ones arrives twice.
                    if !duplicates.isEmpty {
                        if duplicates.remove(bytes) != nil { continue }
                        duplicates.removeAll()
                    }
                    guard sink.send(bytes) else { return }
                }
            })
    }

    /// One entry as a JSON line.
    static func line(_ entry: LogEntry) -> [UInt8]? {
        guard let data = try? APIJSON.encoder.encode(entry) else { return nil }
        return Array(data) + [UInt8(ascii: "\n")]
    }
}
