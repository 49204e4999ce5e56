import HangarRuntime

/// `GET /v1/apps/{app}/machines/{id}/wait?state=started&timeout=60`: answers `{"ok": true}` once the
/// machine is in that state, 408 when it is not within `timeout` seconds (1 to 300, default 60).
/// `destroyed` is also reached when the machine is gone.
enum MachineWait {
    static let states: Set<String> = ["started", "stopped", "suspended", "destroyed", "failed", "settled"]

    static func wait(_ runtime: any RuntimeControl, _ context: RouteContext) async -> HTTPResponse {
        let state = context.query["state"].flatMap { $0.isEmpty ? nil : $0 } ?? "started"
        guard states.contains(state) else {
            return .error(.badRequest("invalid state \(HTTPText.quoted(state)): use one of " + states.sorted().joined(separator: ", ")))
        }
        let timeout: Int
        switch RequestRules.integer(context.query, "timeout", in: 1...300, fallback: 60) {
        case .success(let value): timeout = value
        case .failure(let error): return .error(error)
        }
        let app = context.parameter("app")
        let id = context.parameter("id")
        let deadline = ContinuousClock.now + .seconds(timeout)
        while true {
            let current: String?
            do throws(ControlError) {
                current = try await runtime.status(app: app).machines.first { $0.id == id }?.state
            } catch {
                return .error(APIError(error))
            }
            guard let current else {
                if state == "destroyed" { return .json(FlyOK()) }
                return .error(.notFound("machine \(id) not found in app \(app)"))
            }
            if current == state || (state == "settled" && ["started", "stopped", "suspended", "failed"].contains(current)) {
                return .json(FlyOK())
            }
            if ContinuousClock.now >= deadline || Task.isCancelled {
                return .error(
                    APIError(
                        status: 408, kind: "timeout",
                        message: "machine \(id) is \(current), not \(state), after \(timeout)s"))
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
