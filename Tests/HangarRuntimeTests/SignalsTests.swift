import Glibc
import Testing
@testable import HangarRuntime

@Suite struct SignalsTests {
    @Test func namesAndNumbers() {
        #expect(Signals.number(named: "SIGINT") == SIGINT)
        #expect(Signals.number(named: "term") == SIGTERM)
        #expect(Signals.number(named: "SIGNOPE") == nil)
        #expect(Signals.name(of: SIGKILL) == "SIGKILL")
        #expect(Signals.name(of: 99) == "signal 99")
    }
}
