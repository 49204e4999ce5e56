import Foundation
import Testing
@testable import FlyConfig

/// The flyctl test vectors, asserted per `EXPECTED.md` (loading and normalisation).
@Suite struct FlyctlVectorTests {
    @Test func everyVectorLoadsWithoutWarningsExceptTheDegradedOne() throws {
        let files = try SharedCorpus.tomlFiles(in: "flyctl-testdata")
        #expect(files.count == 41)
        for url in files {
            let loaded = FlyConfigLoader.load(path: url.path)
            #expect(loaded.raw != nil, "\(url.lastPathComponent) must parse")
            if url.lastPathComponent == "always-invalid-v2.toml" { continue }
            #expect(loaded.config != nil, "\(url.lastPathComponent): \(loaded.diagnostics)")
            let loud = loaded.diagnostics.filter { $0.severity != .info }
            #expect(loud.isEmpty, "\(url.lastPathComponent): \(loud.map { $0.formatted(file: url.lastPathComponent) })")
        }
    }

    @Test func alwaysInvalidV2IsDegradedWithFlyctlsExactError() throws {
        let loaded = FlyctlVectors.load("always-invalid-v2.toml")
        #expect(loaded.config == nil)
        #expect(loaded.isDegraded)
        #expect(loaded.appName == "unsupported-format")
        let errors = loaded.loadErrors
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.message == "Unknown type for service concurrency: int64")
        #expect(error.code == DecodeCode.normalisation)
        #expect(error.path == "services[0].concurrency")
        #expect(error.position == SourcePosition(line: 24, column: 17))
        #expect(error.hint?.contains("[services.concurrency]") == true)
        #expect(ConfigRenderer.json(loaded).contains("\"app\" : \"unsupported-format\""))
        #expect(!ConfigRenderer.json(loaded).contains("build"))
    }

    @Test func simpleVectors() {
        #expect(FlyctlVectors.config("app-name.toml") == AppConfig(app: "test-app"))
        #expect(FlyctlVectors.config("build.toml").build?.builder == "builder/name")
        let args = FlyctlVectors.config("build-with-args.toml").build
        #expect(args?.builder == "builder/name")
        #expect(args?.args == ["A": "B", "C": "D"])
        #expect(FlyctlVectors.config("docker.toml").build?.dockerfile == "./Dockerfile")
        #expect(FlyctlVectors.config("image.toml").build?.image == "image/name")
        let autodetect = FlyctlVectors.config("compose-autodetect.toml").build
        #expect(autodetect?.compose != nil)
        #expect(autodetect?.compose?.file == nil)
        #expect(FlyctlVectors.config("compose.toml").build?.compose?.file == "docker-compose.yml")
        #expect(FlyctlVectors.config("env-list.toml").env == ["FOO": "BAR", "TWO": "2", "TRUE": "true"])
        let mounts = FlyctlVectors.config("mounts-array.toml")
        #expect(mounts.mounts == [Mount(source: "pg_data", destination: "/data")])
        #expect(FlyctlVectors.config("setters-deploy.toml").deploy?.strategy == "immediate")
        #expect(FlyctlVectors.config("setters-experimental.toml").experimental?.exec == ["/exec"])
        let setHTTP = FlyctlVectors.config("setters-httpservice.toml")
        #expect(setHTTP.httpService?.internalPort == 9999)
        #expect(setHTTP.services == nil)
        #expect(FlyctlVectors.config("setters-processes.toml").processes == ["foo": "bar"])
        let setService = FlyctlVectors.config("setters-service.toml")
        #expect(setService.services?.count == 1)
        #expect(setService.services?.first?.protocol == "tcp")
        #expect(setService.services?.first?.internalPort == nil)
    }

    @Test func experimentalAlternativeForms() {
        let c = FlyctlVectors.config("experimental-alt.toml")
        #expect(c.experimental?.cmd == ["cmd"])
        #expect(c.experimental?.exec == ["exec"])
        #expect(c.experimental?.entrypoint == ["entrypoint"])
        #expect(c.experimental?.autoRollback == nil)
        #expect(c.killTimeout == FlyDuration.seconds(3))
        #expect(c.metrics == [Metrics(port: 9000, path: "/foo")])
    }

    @Test func formatQuirks() throws {
        let c = FlyctlVectors.config("format-quirks.toml")
        #expect(c.vm?.count == 1)
        #expect(c.vm?.first?.memory == "512")
        #expect(try c.vm?.first?.memoryMegabytes() == 512)
        var mount = Mount(source: "data", destination: "/data")
        mount.initialSize = "200"
        mount.snapshotRetention = 10
        #expect(c.mounts == [mount])
        #expect(try c.mounts?.first?.initialSizeGB() == 200)
        let json = ConfigRenderer.json(c)
        #expect(json.contains("\"memory\" : 512"))
        #expect(json.contains("\"initial_size\" : \"200\""))
    }

    @Test func oldFormat() throws {
        let c = FlyctlVectors.config("old-format.toml")
        #expect(c.env == ["FOO": "STRING", "BAR": "123"])
        #expect(c.build?.buildTarget == "thalayer")
        #expect(c.experimental == nil)
        #expect(c.processes == nil)
        #expect(c.processNames == ["app"])
        #expect(c.mounts == [Mount(source: "data", destination: "/data")])
        #expect(c.metrics == [Metrics(port: 9999, path: "/metrics")])
        let service = try #require(c.services?.first)
        #expect(c.services?.count == 1)
        #expect(service.internalPort == 8080)
        #expect(service.concurrency == Concurrency(type: "requests", softLimit: 12, hardLimit: 23))
        #expect(service.autoStopMachines == .off)
        #expect(service.ports == [ServicePort(port: 80, handlers: ["http"])])
        #expect(service.tcpChecks?.map(\.interval) == [.seconds(10), .seconds(20)])
        #expect(service.tcpChecks?.map(\.timeout) == [.seconds(2), .seconds(3)])
        let http = try #require(service.httpChecks)
        #expect(http.count == 2)
        #expect(http[0].interval == .seconds(30))
        #expect(http[0].timeout == .seconds(4))
        #expect(http[0].headers == ["origin": "http://localhost:8000"])
        #expect(http[1].interval == .seconds(20))
        #expect(http[1].gracePeriod == nil)
        #expect(http[1].headers == ["fly-healthcheck": "1", "metoo": "true", "astring": "string"])
        let json = ConfigRenderer.json(c)
        #expect(json.contains("\"build-target\" : \"thalayer\""))
        #expect(json.contains("\"auto_stop_machines\" : \"off\""))
        #expect(json.contains("\"interval\" : \"10s\""))
    }

    @Test func oldPGChecksAndProcesses() {
        let pg = FlyctlVectors.config("old-pg-checks.toml")
        var check = TopLevelCheck()
        check.type = "http"
        check.port = 5500
        check.path = "/flycheck/pg"
        #expect(pg.checks == ["pg": check])
        let old = FlyctlVectors.config("old-processes.toml")
        #expect(old.processes == ["web": "./web", "worker": "./worker"])
        #expect(old.app == nil)
    }

    @Test func processGroupNamesAndDefaults() {
        let multi = FlyctlVectors.config("processes-multi.toml")
        #expect(multi.processNames == ["bar", "foo", "zzz"])
        #expect(multi.defaultProcessGroup == "bar")
        let withApp = FlyctlVectors.config("processes-multiwithapp.toml")
        #expect(withApp.processNames == ["aaa", "abc", "app", "ass", "bbb"])
        #expect(withApp.defaultProcessGroup == "app")
        let none = FlyctlVectors.config("processes-none.toml")
        #expect(none.processNames == ["app"])
        #expect(none.defaultProcessGroup == "app")
        let one = FlyctlVectors.config("processes-one.toml")
        #expect(one.processNames == ["web"])
        #expect(one.defaultProcessGroup == "web")
        #expect(ConfigRenderer.json(multi).contains("\"default_process_group\" : \"bar\""))
    }

    @Test func servicesVectors() throws {
        #expect(FlyctlVectors.config("services-emptysection.toml").services?.isEmpty ?? true)
        let multi = try #require(FlyctlVectors.config("services-multi.toml").services)
        #expect(multi.map(\.internalPort) == [8081, 9999])
        #expect(multi.map(\.protocol) == ["tcp", "tcp"])
        #expect(multi[0].concurrency == Concurrency(type: "requests", softLimit: 13, hardLimit: 22))
        #expect(multi[1].concurrency == Concurrency(type: "connections", softLimit: 8, hardLimit: 10))
        #expect(multi.allSatisfy { $0.ports == nil })

        let ports = try #require(FlyctlVectors.config("services-ports.toml").services?.first?.ports)
        #expect(ports.count == 2)
        #expect(ports[0].port == 80)
        #expect(ports[0].handlers == nil)
        #expect(ports[0].tlsOptions?.alpn == ["h2", "http/1.1"])
        #expect(ports[0].tlsOptions?.versions == ["TLSv1.2", "TLSv1.3"])
        #expect(ports[0].httpOptions?.compress == true)
        #expect(ports[0].httpOptions?.response?.headers == [
            "fly-request-id": .flag(false), "fly-wasnt-here": .value("yes, it was"), "multi-valued": .values(["value1", "value2"]),
        ])
        #expect(ports[1].port == 82)
        #expect(ports[1].handlers == ["proxy_proto"])
        #expect(ports[1].proxyProtoOptions == ProxyProtoOptions(version: "v2"))
    }

    @Test func validateVectorsLoad() throws {
        for name in ["validate-groups.toml", "validate-mounts.toml", "validate-services.toml"] {
            let loaded = FlyctlVectors.load(name)
            #expect(loaded.config != nil, "\(name)")
            #expect(!loaded.hasErrors, "\(name)")
        }
        let mounts = FlyctlVectors.config("validate-mounts.toml")
        #expect(mounts.mounts(for: "app").count == 2)
        #expect(mounts.mounts?.map(\.initialSize) == ["15Mb", "unparseable", nil, nil])
        #expect(throws: SizeParseError.self) { try VolumeSize.gigabytes(from: "unparseable") }
        #expect(try VolumeSize.gigabytes(from: "15Mb") == 0)
    }
}
