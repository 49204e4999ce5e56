import Foundation
import Glibc
import Testing
@testable import HangarRuntime

/// How Machines end, in both modes: exit codes, signals, exec failures, Fly's stop sequence,
/// whole-tree kills.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct MachineLifecycleTests {
    @Test(arguments: TestHost.modes) func exitCodesAndSignalsAreReported(_ modeName: String) async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let exited = try MachineProcess.start(spec: TestHost.spec(["sh", "-c", "exit 7"], mode: try TestHost.mode(modeName), directory: directory))
        #expect(await exited.wait() == .exited(code: 7))
        let killed = try MachineProcess.start(spec: TestHost.spec(["sh", "-c", "kill -9 $$"], mode: try TestHost.mode(modeName), directory: directory))
        #expect(await killed.wait() == .signaled(signal: SIGKILL))
    }

    @Test(arguments: TestHost.modes) func aMissingCommandIsAnExecFailureNamingIt(_ modeName: String) async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let machine = try MachineProcess.start(spec: TestHost.spec(["hangar-no-such-command"], mode: try TestHost.mode(modeName), directory: directory))
        let info = await machine.wait()
        #expect(info == .execFailed(message: "hangar-no-such-command: No such file or directory"))
        #expect(info.description.contains("hangar-no-such-command"))
    }

    @Test func aMissingWorkingDirectoryIsAnExecFailure() async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        var spec = TestHost.spec(["true"], mode: try TestHost.shared(), directory: directory)
        spec.workingDirectory = directory + "/missing"
        let info = await (try MachineProcess.start(spec: spec)).wait()
        #expect(info == .execFailed(message: "chdir \(directory)/missing: No such file or directory"))
    }

    @Test func theEnvironmentAndPortReachTheApp() async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let mode = try TestHost.shared()
        let machine = try MachineProcess.start(spec: TestHost.spec(["sh", "-c", "echo \"$GREETING $PORT\""], mode: mode,
                                                                   directory: directory, env: ["GREETING": "hello"]))
        #expect(await machine.wait() == .exited(code: 0))
        guard case .shared(let port) = mode else { return }
        #expect(TestHost.read(directory + "/out.log") == "hello \(port)\n")
    }

    @Test(arguments: TestHost.modes) func stopSendsKillSignalThenSIGKILLAfterTheTimeout(_ modeName: String) async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let record = directory + "/signals"
        let recorder = TestHost.script("recorder.py", Scripts.signalRecorder, in: directory)
        let spec = TestHost.spec([try #require(TestHost.python), recorder, record], mode: try TestHost.mode(modeName),
                                 directory: directory)
        try await TestHost.withMachine(spec) { machine in
            #expect(await TestHost.eventually { TestHost.read(record).contains("ready") })
            #expect(await machine.stop(signal: SIGINT, timeout: .seconds(1)) == .killedAfterTimeout)
        }
        #expect(TestHost.read(record) == "ready\n\(SIGINT)\n", "the app got kill_signal once, then nothing it could catch")
    }

    @Test func aGracefulStopReportsHowTheAppEnded() async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        try await TestHost.withMachine(TestHost.spec(["sleep", "300"], mode: try TestHost.shared(), directory: directory)) { machine in
            #expect(await machine.stop(signal: SIGTERM, timeout: .seconds(10)) == .signaled(signal: SIGTERM))
            // Stopping again is harmless.
            #expect(await machine.stop(signal: SIGTERM, timeout: .seconds(1)) == .signaled(signal: SIGTERM))
        }
    }

    @Test(.enabled(if: TestHost.hasTreeCgroup, "needs a writable cgroup to list the Machine's processes"),
          arguments: TestHost.modes)
    func stoppingTheMachineKillsGrandchildren(_ modeName: String) async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let spec = TestHost.spec(["sh", "-c", "sleep 300 & sleep 300 & (setsid sleep 300 &); wait"], mode: try TestHost.mode(modeName),
                                 directory: directory)
        let members = try await TestHost.withMachine(spec) { machine in
            #expect(await TestHost.eventually { machine.processIDs().count >= 5 }, "init, sh and three sleeps")
            let members = machine.processIDs().compactMap { ProcStat.read(pid: $0) }
            #expect(await machine.stop(signal: SIGTERM, timeout: .seconds(5)) == .signaled(signal: SIGTERM))
            return members
        }
        for member in members {
            #expect(!MachineProcess.isAlive(pid: member.pid, startTime: member.startTime), "pid \(member.pid) survived")
        }
    }

    @Test func adoptingARunningMachineFollowsItToTheEnd() async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let spec = TestHost.spec(["sleep", "300"], mode: try TestHost.shared(), directory: directory)
        try await TestHost.withMachine(spec) { original in
            #expect(MachineProcess.isAlive(pid: original.pid, startTime: original.startTime))
            #expect(throws: LaunchError.notRunning(spec.id)) {
                try MachineProcess.adopt(spec: spec, pid: original.pid, startTime: original.startTime + 1)
            }
            let adopted = try MachineProcess.adopt(spec: spec, pid: original.pid, startTime: original.startTime)
            #expect(await adopted.stop(signal: SIGINT, timeout: .seconds(10)) == .signaled(signal: SIGINT))
            #expect(await original.wait() == .signaled(signal: SIGINT))
            #expect(!MachineProcess.isAlive(pid: original.pid, startTime: original.startTime))
        }
    }

    @Test func badSpecsAreRefusedBeforeAnythingStarts() throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let shared = try TestHost.shared()
        var spec = TestHost.spec([], mode: shared, directory: directory)
        #expect(throws: LaunchError.invalidSpec("empty command")) { try MachineProcess.start(spec: spec) }
        spec = TestHost.spec(["true"], mode: shared, directory: directory)
        spec.id = "../escape"
        #expect(throws: LaunchError.self) { try MachineProcess.start(spec: spec) }
        spec = TestHost.spec(["true"], mode: shared, directory: directory, volume: VolumeMount(source: directory + "/none", destination: "/data"))
        #expect(throws: LaunchError.invalidSpec("volume directory \(directory)/none does not exist")) { try MachineProcess.start(spec: spec) }
        spec = TestHost.spec(["true"], mode: shared, directory: directory, volume: VolumeMount(source: directory, destination: "/"))
        #expect(throws: LaunchError.self) { try MachineProcess.start(spec: spec) }
        spec = TestHost.spec(["true"], mode: shared, directory: directory)
        spec.initExecutable = directory + "/no-init"
        #expect(throws: LaunchError.self) { try MachineProcess.start(spec: spec) }
    }

    @Test func sharedModeSaysWhatItCannotHonour() throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let spec = TestHost.spec(["true"], mode: try TestHost.shared(), directory: directory,
                                 volume: VolumeMount(source: directory, destination: "/data"))
        let notes = MachineProcess.unhonoured(spec, limiter: .processGroupsOnly)
        #expect(notes.contains { $0.contains("/data") })
        #expect(notes.contains { $0.contains("$PORT") })
        #expect(notes.contains { $0.contains("CPU limit not enforced") })
    }
}
