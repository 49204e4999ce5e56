import Foundation
import Testing
@testable import HangarExport

@Suite struct ComposeRendererTests {
    typealias Y = YAMLReading

    func render(_ text: String, counts: [String: Int] = [:], options: ExportOptions = ExportOptions(image: "img:1")) throws
        -> ([String: Any], [ExportWarning])
    {
        let out = try ExportFixtures.render(text, .compose, counts: counts, options: options)
        return (try #require(try Y.documents(out.text).first), out.warnings)
    }

    @Test func groupsAreServicesWithReplicasAndStopSettings() throws {
        let (file, _) = try render("""
            app = "Shop_App"
            kill_signal = "SIGQUIT"
            kill_timeout = "1m"
            [env]
            MODE = "prod"
            [processes]
            web = "bin/web"
            worker = "bin/worker --queue default"
            [[restart]]
            policy = "always"
            processes = ["worker"]
            """, counts: ["web": 1, "worker": 3])
        #expect(file["name"] as? String == "shop-app")
        let worker = Y.value(file, "services.worker")
        #expect(Y.value(worker, "deploy.replicas") as? Int == 3)
        #expect(Y.value(worker, "command") as? [String] == ["bin/worker", "--queue", "default"])
        #expect(Y.value(worker, "stop_signal") as? String == "SIGQUIT")
        #expect(Y.value(worker, "stop_grace_period") as? String == "1m0s")
        #expect(Y.value(worker, "restart") as? String == "always")
        #expect(Y.value(file, "services.web.restart") as? String == "on-failure:10")
        #expect((Y.value(worker, "environment") as? [String])?.contains("MODE=prod") == true)
        #expect(Y.value(worker, "deploy.resources.reservations.cpus") as? String == "0.0625")
        #expect(Y.value(worker, "deploy.resources.limits.memory") as? String == "256M")
    }

    @Test func withoutAnImageComposeBuildsTheDockerfile() throws {
        let (file, warnings) = try render("""
            app = "a"
            [build]
            dockerfile = "Dockerfile.prod"
            build-target = "runtime"
            [build.args]
            VERSION = "1"
            [processes]
            app = "srv"
            """, options: ExportOptions(buildContext: "../app"))
        let s = Y.value(file, "services.app")
        #expect(Y.value(s, "image") as? String == "a:latest")
        #expect(Y.value(s, "build.context") as? String == "../app")
        #expect(Y.value(s, "build.dockerfile") as? String == "Dockerfile.prod")
        #expect(Y.value(s, "build.target") as? String == "runtime")
        #expect(Y.value(s, "build.args.VERSION") as? String == "1")
        #expect(!warnings.contains { $0.key == "build" })
    }

    @Test func portsHealthcheckAndVolume() throws {
        let (file, warnings) = try render("""
            app = "a"
            [[mounts]]
            source = "data"
            destination = "/data"
            [http_service]
            internal_port = 8080
            [[http_service.checks]]
            path = "/health"
            interval = "10s"
            timeout = "2s"
            grace_period = "20s"
            """)
        let s = Y.value(file, "services.app")
        #expect(Y.value(s, "ports") as? [String] == ["80:8080"])
        #expect(Y.value(s, "volumes") as? [String] == ["data:/data"])
        #expect(Y.value(file, "volumes.data") != nil)
        let test = Y.value(s, "healthcheck.test") as? [String]
        #expect(test?.first == "CMD-SHELL")
        #expect(test?.last?.contains("http://127.0.0.1:8080/health") == true)
        #expect(Y.value(s, "healthcheck.start_period") as? String == "20s")
        #expect(warnings.contains { $0.key == "http_service" && $0.message.contains("443") })
    }

    @Test func replicasShareNoHostPort() throws {
        let (file, warnings) = try render("app = \"a\"\n[http_service]\ninternal_port = 8080\n", counts: ["app": 2])
        #expect(Y.value(file, "services.app.ports") == nil)
        #expect(Y.value(file, "services.app.expose") as? [String] == ["8080"])
        #expect(warnings.contains { $0.key == "http_service.ports" })
    }

    @Test func releaseCommandRunsFirst() throws {
        let (file, _) = try render("app = \"a\"\n[deploy]\nrelease_command = \"migrate\"\n[processes]\nweb = \"srv\"\n")
        #expect(Y.value(file, "services.release.command") as? [String] == ["migrate"])
        #expect(Y.value(file, "services.release.restart") as? String == "no")
        #expect(Y.value(file, "services.web.depends_on.release.condition") as? String == "service_completed_successfully")
    }

    @Test func inlineAndLocalFilesAreConfigs() throws {
        let (file, _) = try render("""
            app = "a"
            [processes]
            app = "srv"
            [[files]]
            guest_path = "/etc/motd"
            raw_value = "hello"
            [[files]]
            guest_path = "/etc/app.conf"
            local_path = "conf/app.conf"
            """, options: ExportOptions(image: "i", buildContext: "../src"))
        #expect(Y.value(file, "configs.app-f0-motd.content") as? String == "hello")
        #expect(Y.value(file, "configs.app-f1-app-conf.file") as? String == "../src/conf/app.conf")
        #expect(Y.value(file, "services.app.configs.0.target") as? String == "/etc/motd")
    }
}

@Suite struct ComposeEdgeOptionTests {
    @Test func httpOptionsOfPublishedPortsAreWarned() throws {
        let out = try ExportFixtures.render("""
            app = "a"
            [http_service]
            internal_port = 8080
            [http_service.http_options]
            compress = true
            """, .compose)
        #expect(out.warnings.contains { $0.key == "http_service.http_options" })
    }
}
