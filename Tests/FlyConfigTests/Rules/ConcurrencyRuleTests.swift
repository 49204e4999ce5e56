import Testing
@testable import FlyConfig

@Suite struct ConcurrencyRuleTests {
    private func run(_ concurrency: Concurrency, http: Bool = false) -> [Diagnostic] {
        ConcurrencyRule().run(makeConfig {
            if http {
                var service = makeHTTPService()
                service.concurrency = concurrency
                $0.httpService = service
            } else {
                var service = makeService()
                service.concurrency = concurrency
                $0.services = [service]
            }
        })
    }

    @Test func acceptsCoherentLimits() {
        #expect(run(Concurrency(type: "requests", softLimit: 20, hardLimit: 25)).isEmpty)
        #expect(run(Concurrency(type: "connections", softLimit: 25, hardLimit: 25)).isEmpty)
        #expect(run(Concurrency(softLimit: 10)).isEmpty)
    }

    @Test func warnsAboutType() {
        let d = run(Concurrency(type: "donuts"), http: true)
        #expect(d.codes == ["HG308"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.message == "concurrency type 'donuts' is not connections or requests")
        #expect(d.first?.path == "http_service.concurrency.type")
        #expect(run(Concurrency(type: "request")).first?.hint == "did you mean type = \"requests\"?")
    }

    @Test func warnsAboutLimits() {
        let d = run(Concurrency(softLimit: 30, hardLimit: 25))
        #expect(d.paths == ["services[0].concurrency.soft_limit"])
        #expect(d.first?.message.hasPrefix("concurrency soft_limit (30) is above hard_limit (25)") == true)
        let negative = run(Concurrency(softLimit: -1, hardLimit: 10))
        #expect(negative.map(\.message) == ["concurrency soft_limit is negative (-1)"])
    }
}
