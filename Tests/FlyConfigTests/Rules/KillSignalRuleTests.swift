import Testing
@testable import FlyConfig

@Suite struct KillSignalRuleTests {
    private func run(_ signal: String?) -> [Diagnostic] {
        KillSignalRule().run(makeConfig { $0.killSignal = signal })
    }

    @Test func acceptsKnownSignals() {
        for signal in [nil, "SIGINT", "SIGTERM", "SIGHUP", "SIGSTOP", "SIGUSR1"] { #expect(run(signal).isEmpty) }
    }

    @Test func warnsAboutOthersWithAFix() {
        let d = run("sigterm")
        #expect(d.codes == ["HG309"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.message == "kill_signal 'sigterm' is not a signal Fly supports")
        #expect(d.first?.path == "kill_signal")
        #expect(d.first?.hint == "signal names are upper case: kill_signal = \"SIGTERM\"")
        #expect(run("TERM").first?.hint == "write the full name: kill_signal = \"SIGTERM\"")
        #expect(run("15").first?.hint == "write the name: kill_signal = \"SIGTERM\"")
        #expect(run("SIGTREM").first?.hint == "did you mean \"SIGTERM\"?")
    }

    @Test func coversMachineChecks() {
        var check = MachineCheck()
        check.killSignal = "SIGWINCH"
        var service = makeService()
        service.machineChecks = [check]
        let d = KillSignalRule().run(makeConfig { $0.services = [service] })
        #expect(d.paths == ["services[0].machine_checks[0].kill_signal"])
    }
}
