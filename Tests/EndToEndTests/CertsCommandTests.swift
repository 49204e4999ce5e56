import Foundation
import Glibc
import Testing

/// `hangar certs`: the local CA, added hosts and user PEM pairs, on the state directory itself.
@Suite struct CertsCommandTests {
    @Test func caAddListRemove() async throws {
        try await DaemonHome.with { home in
            let ca = try await home.run(["certs", "ca"])
            #expect(ca.status == 0)
            #expect(ca.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == home.path + "/certs/ca.pem")
            var info = stat()
            #expect(stat(home.path + "/certs/ca-key.pem", &info) == 0 && info.st_mode & 0o777 == 0o600)

            let add = try await home.run(["certs", "add", "Shop.Example.test", "-a", "web"])
            #expect(add.status == 0)
            #expect(add.stdout.contains("shop.example.test → app web"))

            let list = try await home.run(["certs", "list", "--json"])
            #expect(list.status == 0)
            let entries = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
            #expect(entries.count == 1)
            #expect(entries.first?["host"] as? String == "shop.example.test")
            #expect(entries.first?["app"] as? String == "web")
            #expect(entries.first?["source"] as? String == "hangar")

            let table = try await home.run(["certs", "list"])
            #expect(table.stdout.contains("HOST") || table.stdout.contains("Host"))
            #expect(table.stdout.contains("shop.example.test"))

            // The leaf verifies against the CA.
            let check = try CertsCommandTests.tool([
                "openssl", "verify", "-CAfile", home.path + "/certs/ca.pem", home.path + "/certs/hosts/shop.example.test.pem",
            ])
            #expect(check.contains(": OK"))

            let remove = try await home.run(["certs", "remove", "shop.example.test"])
            #expect(remove.status == 0)
            let again = try await home.run(["certs", "remove", "shop.example.test"])
            #expect(again.status == 1)
            #expect(again.stderr.contains("no certificate for shop.example.test"))
        }
    }

    @Test func badInputIsAUsageError() async throws {
        try await DaemonHome.with { home in
            let badHost = try await home.run(["certs", "add", "bad_host.test", "-a", "web"])
            #expect(badHost.status == 2)
            #expect(badHost.stderr.contains("bad_host.test"))
            let halfPair = try await home.run(["certs", "add", "x.test", "-a", "web", "--cert", "/nonexistent.pem"])
            #expect(halfPair.status == 2)
            #expect(halfPair.stderr.contains("--key"))
            let missing = try await home.run([
                "certs", "add", "x.test", "-a", "web", "--cert", "/nonexistent.pem", "--key", "/nonexistent.key",
            ])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("/nonexistent.pem"))
            let list = try await home.run(["certs", "list", "--json"])
            #expect(list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || list.stdout.contains("[]"))
        }
    }

    static func tool(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// `GET /metrics` on the daemon's socket: Prometheus text.
@Suite struct MetricsEndpointTests {
    @Test func theDaemonServesPrometheusText() async throws {
        try await DaemonHome.with { home in
            let daemon = try await home.startDaemon()
            let output = try CertsCommandTests.tool([
                "curl", "-sS", "-i", "--max-time", "10", "--unix-socket", home.socket, "http://hangar/metrics",
            ])
            #expect(output.hasPrefix("HTTP/1.1 200"))
            #expect(output.contains("text/plain; version=0.0.4"))
            #expect(output.contains("# TYPE hangar_daemon_start_time_seconds gauge"))
            _ = try await home.stop(daemon)
        }
    }
}
