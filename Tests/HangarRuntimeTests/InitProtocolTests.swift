import Testing
@testable import HangarRuntime

@Suite struct InitProtocolTests {
    @Test func specRecordsAreNulTerminatedAndEndWithGo() throws {
        var spec = InitProtocol.Spec(argv: ["sh", "-c", "a=b"], env: ["X=1"], workingDirectory: "/app")
        spec.hostname = "abc"
        spec.mountProc = true
        let bytes = try spec.encoded()
        let records = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        #expect(records == ["arg=sh", "arg=-c", "arg=a=b", "env=X=1", "cwd=/app", "hostname=abc", "mount_proc=1", "go", ""])
    }

    @Test func nulBytesAreRefused() {
        let spec = InitProtocol.Spec(argv: ["a\u{0}b"], env: [])
        #expect(throws: LaunchError.self) { try spec.encoded() }
    }

    @Test func statusLines() {
        #expect(InitProtocol.Status(line: "running 12") == .running(appPID: 12))
        #expect(InitProtocol.Status(line: "exec-failed 3 2") == .execFailed(stage: 3, errno: 2))
        #expect(InitProtocol.Status(line: "setup-failed 2 mount-volume /data") == .setupFailed(errno: 2, what: "mount-volume /data"))
        #expect(InitProtocol.Status(line: "exited 0") == .exited(code: 0))
        #expect(InitProtocol.Status(line: "signaled 9") == .signaled(signal: 9))
        #expect(InitProtocol.Status(line: "bogus 1") == nil)
        #expect(InitProtocol.Status(line: "running") == nil)
        #expect(InitProtocol.Status.all(in: "running 5\nexited 3\n") == [.running(appPID: 5), .exited(code: 3)])
    }

    @Test func execFailureMessagesNameTheCommandOrDirectory() {
        #expect(InitProtocol.Status.execFailureMessage(stage: 3, errno: 2, argv: ["nope"], workingDirectory: "/w")
            == "nope: No such file or directory")
        #expect(InitProtocol.Status.execFailureMessage(stage: 2, errno: 2, argv: ["nope"], workingDirectory: "/w")
            == "chdir /w: No such file or directory")
    }
}
