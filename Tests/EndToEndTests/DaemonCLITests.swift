import Foundation
import Glibc
import Testing

/// The CLI verbs that talk to the daemon: argument checks that refuse before anything is sent,
/// app resolution, and what happens when no daemon runs.
@Suite struct DaemonCLITests {
    @Test func readCommandsSayWhenNoDaemonRuns() async throws {
        try await DaemonHome.with { home in
            for arguments in [
                ["status", "-a", "demo"], ["status", "-a", "demo", "--json"], ["machine", "list", "-a", "demo"],
                ["secrets", "list", "-a", "demo"], ["volumes", "list", "-a", "demo"], ["logs", "-a", "demo"],
                ["checks", "list", "-a", "demo"], ["down", "-a", "demo"], ["scale", "show", "-a", "demo"],
            ] {
                let run = try await home.run(arguments)
                #expect(run.status == 1, "\(arguments): \(run.stderr)")
                #expect(run.stderr.contains("daemon is not running"), "\(arguments)")
                #expect(run.stderr.contains(home.socket))
            }
            // Nothing was started behind the user's back.
            #expect(!FileManager.default.fileExists(atPath: home.socket))
        }
    }

    @Test func badArgumentsExit2BeforeAnythingIsSent() async throws {
        try await DaemonHome.with { home in
            let cases: [([String], String)] = [
                (["scale", "count", "web=-1", "-a", "demo"], "invalid count"),
                (["scale", "count", "web", "-a", "demo"], "GROUP=COUNT"),
                (["scale", "count", "=3", "-a", "demo"], "process group"),
                (["scale", "count", "-a", "demo"], "GROUP=COUNT"),
                (["machine", "stop", "xyz", "-a", "demo"], "machine id"),
                (["machine", "destroy", "3D8D9A1C2E4F56", "-a", "demo"], "machine id"),
                (["machine", "start", "-a", "demo"], "give a machine id"),
                (["volumes", "create", "../etc", "-a", "demo"], "volume name"),
                (["volumes", "create", "data", "--size", "0", "-a", "demo"], "volume size"),
                (["secrets", "set", "BAD NAME=value-here", "-a", "demo"], "secret name"),
                (["secrets", "set", "A=B=C", "X", "-a", "demo"], "NAME=VALUE"),
                (["secrets", "set", "-a", "demo"], "no secrets"),
                (["secrets", "unset", "A=B", "-a", "demo"], "secret name"),
                (["logs", "--machine", "nothex", "-a", "demo"], "machine id"),
                (["logs", "--process", "a/b", "-a", "demo"], "process group"),
                (["status", "-a", "Bad_App"], "app name"),
                (["status", "-a", "../x"], "app name"),
                (["up", "-c", "/nonexistent/fly.toml"], "cannot read"),
                (["up", "--mode", "sideways", "-c", "/nonexistent"], "sideways"),
                (["status", "--bogus"], "bogus"),
            ]
            for (arguments, mentions) in cases {
                let run = try await home.run(arguments)
                #expect(run.status == 2, "\(arguments): \(run.stderr)")
                #expect(run.stderr.contains(mentions), "\(arguments): \(run.stderr)")
                #expect(!run.stderr.contains("value-here"))
                #expect(!run.stderr.contains("daemon is not running"), "\(arguments) reached for the daemon")
            }
            #expect(!FileManager.default.fileExists(atPath: home.socket))
        }
    }

    @Test func appIsResolvedLikeFlyctl() async throws {
        try await DaemonHome.with { home in
            let dir = home.path + "/app"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try "app = \"from-file\"\n".write(toFile: dir + "/fly.toml", atomically: true, encoding: .utf8)
            // No -a, no FLY_APP, no fly.toml here.
            let none = try await home.run(["status"])
            #expect(none.status == 2)
            #expect(none.stderr.contains("no app given"))
            // The fly.toml of the current directory, of -c, then FLY_APP, then -a: each one wins over the last.
            // (The daemon is not running, so the error names the socket, but the app got resolved.)
            #expect(try await home.run(["status"], cwd: dir).status == 1)
            #expect(try await home.run(["status", "-c", dir]).status == 1)
            #expect(try await home.run(["status"], environment: ["FLY_APP": "BAD!"]).status == 2)
            #expect(try await home.run(["status", "-a", "ok-app"], environment: ["FLY_APP": "BAD!"]).status == 1)
            let noName = home.path + "/noname"
            try FileManager.default.createDirectory(atPath: noName, withIntermediateDirectories: true)
            try "primary_region = \"ams\"\n".write(toFile: noName + "/fly.toml", atomically: true, encoding: .utf8)
            let unnamed = try await home.run(["status", "-c", noName])
            #expect(unnamed.status == 2)
            #expect(unnamed.stderr.contains("does not name an app"))
            #expect(try await home.run(["status", "-c", home.path + "/missing.toml"]).status == 2)
        }
    }

    @Test func upRefusesAnInvalidConfigWithoutStartingTheDaemon() async throws {
        try await DaemonHome.with { home in
            let dir = home.path + "/broken"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try "app = \"broken\"\n[[services]]\ninternal_port = \"eighty\"\n".write(
                toFile: dir + "/fly.toml", atomically: true, encoding: .utf8)
            let run = try await home.run(["up", "-c", dir, "--detach"])
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("error["))
            #expect(run.stderr.contains("configuration is not valid"))
            #expect(!FileManager.default.fileExists(atPath: home.socket))
            #expect(!FileManager.default.fileExists(atPath: home.log))
        }
    }

    @Test func secretValuesFromStandardInputAreCheckedLocally() async throws {
        try await DaemonHome.with { home in
            let bad = try await home.run(["secrets", "set", "-", "-a", "demo"], stdin: "GOOD=1\nnot a pair secret-text\n")
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("line 2"))
            #expect(!bad.stderr.contains("secret-text"))
            // Well-formed input gets as far as the (absent) daemon.
            let good = try await home.run(["secrets", "set", "-", "-a", "demo"], stdin: "A=1\nexport B=\"two words\"\n")
            #expect(good.status == 1)
            #expect(good.stderr.contains("daemon is not running"))
        }
    }
}
