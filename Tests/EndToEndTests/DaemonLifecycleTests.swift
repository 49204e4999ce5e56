import Foundation
import Glibc
import Testing

/// `hangar daemon` as a process: its socket and files, one daemon per state directory, a stale
/// socket after SIGKILL, and a graceful stop on SIGTERM.
@Suite struct DaemonLifecycleTests {
    @Test func servesAPrivateSocketAndStopsOnSIGTERM() async throws {
        try await DaemonHome.with { home in
            let daemon = try await home.startDaemon()
            #expect(DaemonHome.answers(home.socket))
            var info = stat()
            #expect(stat(home.socket, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600)
            #expect(stat(home.log, &info) == 0 && info.st_mode & 0o777 == 0o600)
            // An unknown app and a bad id get the daemon's answers, not "not running".
            let bad = try await home.run(["machine", "stop", "3d8d9a1c2e4f56", "-a", "nope"])
            #expect(bad.status == 1)
            #expect(!bad.stderr.contains("not running"))
            #expect(try await home.stop(daemon) == 0)
            #expect(!FileManager.default.fileExists(atPath: home.socket))
            let log = try String(contentsOfFile: home.log, encoding: .utf8)
            #expect(log.contains("ready"))
            #expect(log.contains("machines keep running"))
            #expect(log.contains("stopped"))
        }
    }

    @Test func aSecondDaemonIsRefused() async throws {
        try await DaemonHome.with { home in
            let daemon = try await home.startDaemon()
            let second = try await home.run(["daemon", "--home", home.path])
            #expect(second.status == 1)
            #expect(second.stderr.contains("another hangar daemon is running"))
            #expect(second.stderr.contains("pid \(daemon.processIdentifier)"))
            #expect(DaemonHome.answers(home.socket))
            _ = try await home.stop(daemon)
        }
    }

    @Test func restartsAfterSIGKILLOverTheStaleSocket() async throws {
        try await DaemonHome.with { home in
            let first = try await home.startDaemon()
            _ = try await home.stop(first, signal: SIGKILL)
            #expect(FileManager.default.fileExists(atPath: home.socket))
            #expect(!DaemonHome.answers(home.socket))
            let second = try await home.startDaemon()
            #expect(DaemonHome.answers(home.socket))
            #expect(try String(contentsOfFile: home.log, encoding: .utf8).contains("removing the stale socket"))
            #expect(try await home.stop(second) == 0)
        }
    }

    @Test func relativeHomeIsRefused() async throws {
        try await DaemonHome.with { home in
            let run = try await home.run(["daemon", "--home", "relative/dir"])
            #expect(run.status == 2)
            #expect(run.stderr.contains("absolute"))
        }
    }
}
