import Foundation
import Testing
@testable import FlyConfig

@Suite struct CommandPathRuleTests {
    private func withDirectory(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("command-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("bin"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("#!/bin/sh\n".utf8).write(to: dir.appendingPathComponent("bin/web"))
        try body(dir.path)
    }

    @Test func warnsAboutMissingRelativePrograms() throws {
        try withDirectory { dir in
            let config = makeConfig {
                $0.processes = ["web": "./bin/web --port 8080", "worker": "bin/worker", "py": "python3 app.py", "abs": "/app/server"]
                var deploy = Deploy()
                deploy.releaseCommand = "./scripts/migrate.sh"
                $0.deploy = deploy
            }
            let d = CommandPathRule().run(config, directory: dir)
            #expect(d.paths == ["processes.worker", "deploy.release_command"])
            #expect(d.allSatisfy { $0.severity == .warning && $0.code == "HG403" })
            #expect(d[0].message == "process 'worker' runs bin/worker, which does not exist next to fly.toml")
        }
    }

    @Test func skipsWhatCannotBeKnown() throws {
        try withDirectory { dir in
            let built = makeConfig { $0.processes = ["web": "./target/release/server", "api": "dist/index.js"] }
            #expect(CommandPathRule().run(built, directory: dir).isEmpty)
            let image = makeConfig {
                $0.processes = ["web": "./bin/missing"]
                var build = Build()
                build.image = "ghcr.io/me/app:latest"
                $0.build = build
            }
            #expect(CommandPathRule().run(image, directory: dir).isEmpty)
            #expect(CommandPathRule().run(makeConfig { $0.processes = ["web": "./bin/missing"] }).isEmpty)
        }
    }
}
