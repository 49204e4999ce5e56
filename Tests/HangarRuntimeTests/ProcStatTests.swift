import Glibc
import Testing
@testable import HangarRuntime

@Suite struct ProcStatTests {
    @Test func parsesAroundAHostileCommandName() throws {
        let line = "4242 (we ird) (x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10"
        let stat = try #require(ProcStat.parse(line))
        #expect(stat.pid == 4242)
        #expect(stat.state == "S")
        #expect(stat.parent == 1)
        #expect(stat.processGroup == 4242)
        #expect(stat.startTime == 987654)
        #expect(ProcStat.parse("garbage") == nil)
        #expect(ProcStat.parse("1 (x) S 1") == nil)
    }

    @Test func identifiesThisProcess() throws {
        let me = try #require(ProcStat.read(pid: getpid()))
        #expect(me.pid == getpid())
        #expect(MachineProcess.isAlive(pid: getpid(), startTime: me.startTime))
        #expect(!MachineProcess.isAlive(pid: getpid(), startTime: me.startTime + 1))
        #expect(!MachineProcess.isAlive(pid: -1, startTime: 0))
    }
}
