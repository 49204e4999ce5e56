import Testing
@testable import FlyConfig

@Suite struct AutoStartRuleTests {
    private func run(_ stop: AutoStop?, _ start: Bool?, min: Int? = nil) -> [Diagnostic] {
        var http = makeHTTPService()
        http.autoStopMachines = stop
        http.autoStartMachines = start
        http.minMachinesRunning = min
        return AutoStartRule().run(makeConfig { $0.httpService = http })
    }

    @Test func warnsWhenMachinesStopAndNeverStart() {
        let d = run(.stop, false)
        #expect(d.codes == ["HG405"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.path == "http_service.auto_start_machines")
        #expect(d.first?.message == "auto_stop_machines = 'stop' with auto_start_machines = false: idle machines stop and nothing starts them again")
        #expect(run(.suspend, false, min: 1).first?.message.contains("beyond min_machines_running = 1") == true)
    }

    @Test func acceptsOtherCombinations() {
        #expect(run(.stop, true).isEmpty)
        #expect(run(.stop, nil).isEmpty)
        #expect(run(.off, false).isEmpty)
        #expect(run(nil, false).isEmpty)
    }
}
