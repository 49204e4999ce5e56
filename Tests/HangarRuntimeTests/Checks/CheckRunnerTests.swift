import FlyConfig
import HangarCore
import Testing
@testable import HangarRuntime

@Suite struct CheckRunnerTests {
    private func httpCheck(port: UInt16, grace: FlyDuration = .seconds(0), timeout: FlyDuration = .seconds(2)) -> CheckSpec {
        CheckSpec(name: "http-\(port)-GET", kind: .http, origin: .service, port: Int(port),
                  interval: .milliseconds(100), timeout: timeout, gracePeriod: grace,
                  method: "GET", path: "/health", scheme: "http")
    }

    private func tcpCheck(port: UInt16, grace: FlyDuration) -> CheckSpec {
        CheckSpec(name: "tcp-\(port)", kind: .tcp, origin: .service, port: Int(port),
                  interval: .milliseconds(100), timeout: .seconds(2), gracePeriod: grace)
    }

    /// Collects every change until the runner stops.
    private func collect(_ runner: CheckRunner) async -> Task<[CheckStatusChange], Never> {
        let stream = await runner.statusChanges()
        return Task {
            var changes: [CheckStatusChange] = []
            for await change in stream { changes.append(change) }
            return changes
        }
    }

    @Test func startsAsWarningBeforeAnyProbe() async {
        let runner = CheckRunner(address: "127.0.0.1", checks: [tcpCheck(port: 9, grace: .seconds(5))])
        let state = await runner.results()
        #expect(state.map(\.status) == [.warning])
        #expect(state.first?.result.output == "waiting for the first check (grace period 5s)")
        #expect(state.first?.probeCount == 0)
        #expect(await runner.summary().summary == "1 total, 1 warning")
    }

    @Test func failuresWithinTheGracePeriodStayWarning() async throws {
        let port = try CheckTestServer.closedPort()
        let runner = CheckRunner(address: "127.0.0.1", checks: [tcpCheck(port: port, grace: .seconds(3600))])
        let changes = await collect(runner)
        await runner.start()
        #expect(await eventually { await runner.results().first.map { $0.probeCount >= 3 } ?? false })
        let state = try #require(await runner.result(named: "tcp-\(port)"))
        #expect(state.status == .warning)
        #expect(state.result.output == "connect: connection refused (within the 1h0m0s grace period)")
        await runner.stop()
        #expect(await changes.value.map(\.status) == [.warning])
    }

    @Test func withoutGraceAFailureIsCritical() async throws {
        let port = try CheckTestServer.closedPort()
        let runner = CheckRunner(address: "127.0.0.1", checks: [tcpCheck(port: port, grace: .seconds(0))])
        await runner.start()
        #expect(await eventually { await runner.result(named: "tcp-\(port)")?.status == .critical })
        #expect(await runner.result(named: "tcp-\(port)")?.result.output == "connect: connection refused")
        await runner.stop()
    }

    @Test func aPassingCheckTurnsCriticalWhenTheServerStopsAndPassesWhenItReturns() async throws {
        let ok = CheckTestServer.response(200, "OK")
        var server = try CheckTestServer(.respond(ok))
        let port = server.port
        let name = "http-\(port)-GET"
        let runner = CheckRunner(address: "127.0.0.1", checks: [httpCheck(port: port)])
        let changes = await collect(runner)
        await runner.start()
        #expect(await eventually { await runner.result(named: name)?.status == .passing })

        server.stop()
        #expect(await eventually { await runner.result(named: name)?.status == .critical })
        #expect(await eventually { await runner.result(named: name)?.result.output == "connect: connection refused" })

        server = try CheckTestServer(.respond(ok), port: port)
        defer { server.stop() }
        #expect(await eventually { await runner.result(named: name)?.status == .passing })
        #expect(server.requests.first?.hasPrefix("GET /health HTTP/1.1\r\n") == true)

        await runner.stop()
        let seen = await changes.value
        #expect(seen.map(\.status) == [.warning, .passing, .critical, .passing])
        #expect(seen.map(\.previous) == [nil, .warning, .passing, .critical])
        #expect(seen.allSatisfy { $0.checkName == name })
    }

    @Test func theStreamCarriesOnlyChanges() async throws {
        let server = try CheckTestServer(.respond(CheckTestServer.response(200, "OK")))
        defer { server.stop() }
        let name = "http-\(server.port)-GET"
        let runner = CheckRunner(address: "127.0.0.1", checks: [httpCheck(port: server.port)])
        let changes = await collect(runner)
        await runner.start()
        #expect(await eventually { (await runner.result(named: name)?.probeCount ?? 0) >= 5 })
        await runner.stop()
        let seen = await changes.value
        #expect(seen.map(\.status) == [.warning, .passing])
        let state = try #require(await runner.result(named: name))
        #expect(state.lastChanged == seen.last?.result.checkedAt, "Last Updated is the time of the change")
        #expect(state.result.checkedAt >= state.lastChanged)
    }

    @Test func aStatusFlipBetweenFailuresIsOneChange() async throws {
        let server = try CheckTestServer(.respond(CheckTestServer.response(500, "Internal Server Error")))
        defer { server.stop() }
        let name = "http-\(server.port)-GET"
        let runner = CheckRunner(address: "127.0.0.1", checks: [httpCheck(port: server.port)])
        let changes = await collect(runner)
        await runner.start()
        #expect(await eventually { await runner.result(named: name)?.status == .critical })
        server.setBehaviour(.respond(CheckTestServer.response(503, "Service Unavailable")))
        #expect(await eventually { await runner.result(named: name)?.result.output.hasPrefix("HTTP 503") == true })
        await runner.stop()
        #expect(await changes.value.map(\.status) == [.warning, .critical])
    }

    @Test(.timeLimit(.minutes(1)))
    func stopCancelsAProbeInFlight() async throws {
        let server = try CheckTestServer(.hang)
        defer { server.stop() }
        let name = "http-\(server.port)-GET"
        let runner = CheckRunner(address: "127.0.0.1", checks: [httpCheck(port: server.port, timeout: .seconds(3600))])
        let changes = await collect(runner)
        await runner.start()
        #expect(await runner.isRunning)
        #expect(await eventually { server.requests.count == 1 })
        await runner.stop()
        #expect(await !runner.isRunning)
        #expect(await runner.result(named: name)?.probeCount == 0, "the abandoned probe records nothing")
        #expect(await runner.result(named: name)?.status == .warning)
        #expect(await eventually { server.heldConnectionsClosedByPeer() == 1 })
        #expect(await changes.value.map(\.status) == [.warning])
    }

    @Test func severalChecksAndARestart() async throws {
        let server = try CheckTestServer(.respond(CheckTestServer.response(200, "OK")))
        defer { server.stop() }
        let runner = CheckRunner(
            address: "127.0.0.1", checks: [tcpCheck(port: server.port, grace: .seconds(1)), httpCheck(port: server.port)])
        await runner.start()
        await runner.start()
        #expect(await eventually { await runner.summary().summary == "2 total, 2 passing" })
        await runner.stop()
        await runner.stop()
        #expect(await runner.summary().allPassing, "the last states stay readable after stop")

        let changes = await collect(runner)
        await runner.start()
        #expect(await eventually { await runner.summary().allPassing })
        await runner.stop()
        let seen = await changes.value
        #expect(seen.filter { $0.previous == nil }.count == 2, "a new run starts both checks at warning")
        #expect(seen.filter { $0.status == .passing }.count == 2)
    }

    @Test func httpsChecksAreCriticalWithAClearOutput() async throws {
        let server = try CheckTestServer(.closeAtOnce)
        defer { server.stop() }
        var check = httpCheck(port: server.port)
        check.scheme = "https"
        let runner = CheckRunner(address: "127.0.0.1", checks: [check])
        await runner.start()
        #expect(await eventually { await runner.results().first?.status == .critical })
        #expect(await runner.results().first?.result.output.hasPrefix("https checks need a TLS client") == true)
        await runner.stop()
    }
}
