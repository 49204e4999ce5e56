import Foundation
import Testing
@testable import HangarExport

@Suite struct KubernetesRendererTests {
    typealias Y = YAMLReading

    func render(_ text: String, counts: [String: Int] = [:], options: ExportOptions = ExportOptions(image: "img:1")) throws
        -> (docs: [[String: Any]], warnings: [ExportWarning])
    {
        let out = try ExportFixtures.render(text, .kubernetes, counts: counts, options: options)
        return (try Y.documents(out.text), out.warnings)
    }

    @Test func statelessGroupIsADeploymentWithItsCommandAndResources() throws {
        let (docs, _) = try render("""
            app = "shop"
            kill_timeout = "45s"
            [processes]
            web = "bin/server --port 8080"
            [[vm]]
            cpu_kind = "shared"
            cpus = 2
            memory = "1gb"
            """, counts: ["web": 4])
        let d = try #require(Y.object(docs, kind: "Deployment", name: "shop-web"))
        #expect(Y.value(d, "spec.replicas") as? Int == 4)
        #expect(Y.value(d, "spec.template.spec.containers.0.args") as? [String] == ["bin/server", "--port", "8080"])
        #expect(Y.value(d, "spec.template.spec.containers.0.command") == nil)
        #expect(Y.value(d, "spec.template.spec.terminationGracePeriodSeconds") as? Int == 45)
        #expect(Y.value(d, "spec.template.spec.containers.0.resources.requests.cpu") as? String == "125m")
        #expect(Y.value(d, "spec.template.spec.containers.0.resources.limits.cpu") as? String == "2")
        #expect(Y.value(d, "spec.template.spec.containers.0.resources.requests.memory") as? String == "1024Mi")
        #expect(Y.value(d, "spec.template.spec.containers.0.resources.limits.memory") as? String == "1024Mi")
        #expect(Y.value(d, "spec.strategy.rollingUpdate.maxUnavailable") as? Int == 2)
        #expect(Y.value(d, "spec.strategy.rollingUpdate.maxSurge") as? Int == 0)
    }

    @Test func performanceCPUsAreWholeAndGPUsLimited() throws {
        let (docs, warnings) = try render("""
            app = "ml"
            [[vm]]
            size = "a100-40gb"
            """)
        let d = try #require(Y.object(docs, kind: "Deployment"))
        #expect(Y.value(d, "spec.template.spec.containers.0.resources.requests.cpu") as? String == "8")
        let limits = Y.value(d, "spec.template.spec.containers.0.resources.limits") as? [String: Any]
        #expect(limits?["nvidia.com/gpu"] as? String == "1")
        // The app has no command anywhere: the image's CMD runs.
        #expect(Y.value(d, "spec.template.spec.containers.0.args") == nil)
        #expect(!warnings.contains { $0.key == "build" })
    }

    @Test func mountedGroupIsAStatefulSetWithAClaimPerReplica() throws {
        let (docs, _) = try render("""
            app = "db"
            [processes]
            pg = "postgres"
            [[mounts]]
            source = "pgdata"
            destination = "/var/lib/postgresql"
            initial_size = "10gb"
            """, counts: ["pg": 3])
        #expect(Y.object(docs, kind: "Deployment") == nil)
        let s = try #require(Y.object(docs, kind: "StatefulSet", name: "db-pg"))
        #expect(Y.value(s, "spec.replicas") as? Int == 3)
        #expect(Y.value(s, "spec.serviceName") as? String == "db-pg-headless")
        #expect(Y.value(s, "spec.volumeClaimTemplates.0.metadata.name") as? String == "pgdata")
        #expect(Y.value(s, "spec.volumeClaimTemplates.0.spec.resources.requests.storage") as? String == "10G")
        #expect(Y.value(s, "spec.volumeClaimTemplates.0.spec.accessModes") as? [String] == ["ReadWriteOnce"])
        #expect(Y.value(s, "spec.template.spec.containers.0.volumeMounts.0.mountPath") as? String == "/var/lib/postgresql")
        let headless = try #require(Y.object(docs, kind: "Service", name: "db-pg-headless"))
        #expect(Y.value(headless, "spec.clusterIP") as? String == "None")
    }

    @Test func serviceChecksBecomeTheReadinessProbe() throws {
        let (docs, warnings) = try render("""
            app = "a"
            [http_service]
            internal_port = 3000
            [[http_service.checks]]
            path = "/up"
            interval = "20s"
            timeout = "3s"
            grace_period = "30s"
            method = "POST"
            [http_service.checks.headers]
            X-Check = "1"
            [checks.deep]
            type = "tcp"
            port = 3000
            """)
        let c = Y.value(Y.object(docs, kind: "Deployment"), "spec.template.spec.containers.0")
        #expect(Y.value(c, "readinessProbe.httpGet.path") as? String == "/up")
        #expect(Y.value(c, "readinessProbe.httpGet.port") as? Int == 3000)
        #expect(Y.value(c, "readinessProbe.httpGet.httpHeaders.0.name") as? String == "X-Check")
        #expect(Y.value(c, "readinessProbe.initialDelaySeconds") as? Int == 30)
        #expect(Y.value(c, "readinessProbe.periodSeconds") as? Int == 20)
        #expect(Y.value(c, "readinessProbe.timeoutSeconds") as? Int == 3)
        #expect(Y.value(c, "livenessProbe") == nil)
        #expect(warnings.contains { $0.key == "http_service.checks" && $0.message.contains("GET, not POST") })
        #expect(warnings.contains { $0.key == "checks.deep" && $0.instead.contains("--liveness") })
    }

    @Test func livenessOnlyWhenAskedFor() throws {
        let text = """
            app = "a"
            [processes]
            app = "srv"
            [checks.alive]
            type = "http"
            port = 9000
            path = "/alive"
            grace_period = "5s"
            """
        let (docs, warnings) = try render(text, options: ExportOptions(image: "i", liveness: true))
        let c = Y.value(Y.object(docs, kind: "Deployment"), "spec.template.spec.containers.0")
        #expect(Y.value(c, "livenessProbe.httpGet.path") as? String == "/alive")
        #expect(Y.value(c, "livenessProbe.initialDelaySeconds") as? Int == 5)
        #expect(!warnings.contains { $0.key == "checks.alive" })
    }

    @Test func httpServiceGetsAServiceAndAnIngressWithTLSAndRedirect() throws {
        let (docs, _) = try render("""
            app = "site"
            [http_service]
            internal_port = 8080
            force_https = true
            [http_service.http_options]
            idle_timeout = 120
            """, options: ExportOptions(image: "i", namespace: "prod", host: "site.example.com"))
        let svc = try #require(Y.object(docs, kind: "Service", name: "site-app"))
        #expect(Y.value(svc, "metadata.namespace") as? String == "prod")
        #expect(Y.value(svc, "spec.type") as? String == "ClusterIP")
        #expect(Y.value(svc, "spec.ports.0.port") as? Int == 80)
        #expect(Y.value(svc, "spec.ports.0.targetPort") as? Int == 8080)
        let ing = try #require(Y.object(docs, kind: "Ingress", name: "site-app"))
        let annotations = Y.value(ing, "metadata.annotations") as? [String: Any]
        #expect(annotations?["nginx.ingress.kubernetes.io/ssl-redirect"] as? String == "true")
        #expect(annotations?["nginx.ingress.kubernetes.io/force-ssl-redirect"] as? String == "true")
        #expect(annotations?["nginx.ingress.kubernetes.io/proxy-read-timeout"] as? String == "120")
        #expect(Y.value(ing, "spec.tls.0.hosts") as? [String] == ["site.example.com"])
        #expect(Y.value(ing, "spec.rules.0.host") as? String == "site.example.com")
        #expect(Y.value(ing, "spec.rules.0.http.paths.0.backend.service.name") as? String == "site-app")
        for doc in docs { #expect(Y.value(doc, "metadata.namespace") as? String == "prod") }
    }

    @Test func rawTCPPortsGoOnALoadBalancer() throws {
        let (docs, warnings) = try render("""
            app = "mq"
            [[services]]
            protocol = "tcp"
            internal_port = 5672
            [[services.ports]]
            port = 5672
            [[services.ports]]
            port = 5671
            handlers = ["tls"]
            """)
        let svc = try #require(Y.object(docs, kind: "Service", name: "mq-app"))
        #expect(Y.value(svc, "spec.type") as? String == "LoadBalancer")
        #expect((Y.value(svc, "spec.ports") as? [Any])?.count == 2)
        #expect(Y.object(docs, kind: "Ingress") == nil)
        #expect(warnings.contains { $0.key == "services[0].ports[1].handlers" })
    }

    @Test func autostopWithAMinimumIsAnHPA() throws {
        let (docs, warnings) = try render("""
            app = "a"
            [http_service]
            internal_port = 8080
            auto_stop_machines = "stop"
            min_machines_running = 2
            """, counts: ["app": 5])
        let hpa = try #require(Y.object(docs, kind: "HorizontalPodAutoscaler"))
        #expect(Y.value(hpa, "spec.minReplicas") as? Int == 2)
        #expect(Y.value(hpa, "spec.maxReplicas") as? Int == 5)
        #expect(Y.value(hpa, "spec.scaleTargetRef.name") as? String == "a-app")
        #expect(Y.object(docs, kind: "HTTPScaledObject") == nil)
        #expect(warnings.contains { $0.key == "http_service.auto_stop_machines" })
    }

    @Test func scaleToZeroIsAKEDAHTTPScaledObjectBehindTheInterceptor() throws {
        let (docs, _) = try render("""
            app = "a"
            [http_service]
            internal_port = 8080
            auto_stop_machines = "suspend"
            min_machines_running = 0
            [http_service.concurrency]
            type = "requests"
            soft_limit = 25
            """, counts: ["app": 4], options: ExportOptions(image: "i", host: "a.example.com"))
        let so = try #require(Y.object(docs, kind: "HTTPScaledObject"))
        #expect(so["apiVersion"] as? String == "http.keda.sh/v1alpha1")
        #expect(Y.value(so, "spec.replicas.min") as? Int == 0)
        #expect(Y.value(so, "spec.replicas.max") as? Int == 4)
        #expect(Y.value(so, "spec.hosts") as? [String] == ["a.example.com"])
        #expect(Y.value(so, "spec.scaleTargetRef.service") as? String == "a-app")
        #expect(Y.value(so, "spec.scalingMetric.concurrency.targetValue") as? Int == 25)
        let proxy = try #require(Y.object(docs, kind: "Service", name: "a-app-interceptor"))
        #expect(Y.value(proxy, "spec.type") as? String == "ExternalName")
        let ing = try #require(Y.object(docs, kind: "Ingress"))
        #expect(Y.value(ing, "spec.rules.0.http.paths.0.backend.service.name") as? String == "a-app-interceptor")
        #expect(Y.value(ing, "spec.rules.0.http.paths.0.backend.service.port.number") as? Int == 8080)
        #expect(Y.object(docs, kind: "HorizontalPodAutoscaler") == nil)
    }

    @Test func strategies() {
        let deploy = { (s: String) throws -> [String: Any]? in
            let (docs, _) = try self.render("app = \"a\"\n[deploy]\nstrategy = \"\(s)\"\n[processes]\nweb = \"x\"\n", counts: ["web": 4])
            return Y.value(Y.object(docs, kind: "Deployment"), "spec.strategy") as? [String: Any]
        }
        #expect((try? deploy("immediate"))??["type"] as? String == "Recreate")
        #expect(Y.value(try? deploy("canary"), "rollingUpdate.maxSurge") as? Int == 1)
        #expect(Y.value(try? deploy("bluegreen"), "rollingUpdate.maxSurge") as? String == "100%")
        #expect(Y.value(try? deploy("rolling"), "rollingUpdate.maxUnavailable") as? Int == 2)
    }

    @Test func releaseCommandIsAHelmHookJob() throws {
        let (docs, _) = try render("""
            app = "a"
            [deploy]
            release_command = "bin/migrate --all"
            release_command_timeout = "10m"
            [experimental]
            entrypoint = ["/init"]
            [processes]
            app = "srv"
            """)
        let job = try #require(Y.object(docs, kind: "Job"))
        let annotations = Y.value(job, "metadata.annotations") as? [String: Any]
        #expect(annotations?["helm.sh/hook"] as? String == "pre-install,pre-upgrade")
        #expect(Y.value(job, "spec.backoffLimit") as? Int == 0)
        #expect(Y.value(job, "spec.activeDeadlineSeconds") as? Int == 600)
        #expect(Y.value(job, "spec.template.spec.restartPolicy") as? String == "Never")
        #expect(Y.value(job, "spec.template.spec.containers.0.command") as? [String] == ["/init"])
        #expect(Y.value(job, "spec.template.spec.containers.0.args") as? [String] == ["bin/migrate", "--all"])
        // The Job comes before the workloads in the stream.
        let kinds = docs.compactMap { $0["kind"] as? String }
        #expect(try #require(kinds.firstIndex(of: "Job")) < (try #require(kinds.firstIndex(of: "Deployment"))))
    }

    @Test func killSignalIsNotedAndWarned() throws {
        let (docs, warnings) = try render("app = \"a\"\nkill_signal = \"SIGUSR1\"\n[processes]\napp = \"srv\"\n")
        let annotations = Y.value(Y.object(docs, kind: "Deployment"), "spec.template.metadata.annotations") as? [String: Any]
        #expect(annotations?["hangar.dev/kill-signal"] as? String == "SIGUSR1")
        #expect(warnings.contains { $0.key == "kill_signal" && $0.instead.contains("STOPSIGNAL SIGUSR1") })
        let (_, none) = try render("app = \"a\"\nkill_signal = \"SIGTERM\"\n[processes]\napp = \"srv\"\n")
        #expect(!none.contains { $0.key == "kill_signal" })
    }

    @Test func inlineFilesBecomeAConfigMap() throws {
        let (docs, warnings) = try render("""
            app = "a"
            [processes]
            app = "srv"
            [[files]]
            guest_path = "/etc/app/config.yml"
            raw_value = "debug: true"
            [[files]]
            guest_path = "/etc/app/local.txt"
            local_path = "local.txt"
            """)
        let cm = try #require(Y.object(docs, kind: "ConfigMap", name: "a-app-files"))
        #expect(Y.value(cm, "data.f0-config-yml") as? String == "debug: true")
        let mounts = Y.value(Y.object(docs, kind: "Deployment"), "spec.template.spec.containers.0.volumeMounts") as? [[String: Any]]
        #expect(mounts?.first?["mountPath"] as? String == "/etc/app/config.yml")
        #expect(mounts?.first?["subPath"] as? String == "f0-config-yml")
        #expect(warnings.contains { $0.key == "files[1]" })
    }

    @Test func placeholderImageIsWarned() throws {
        let out = try ExportFixtures.render("app = \"a\"\n[processes]\napp = \"srv\"\n", .kubernetes, options: ExportOptions())
        #expect(out.text.contains("image: a:latest"))
        #expect(out.warnings.first?.key == "build")
        let built = try ExportFixtures.render(
            "app = \"a\"\n[build]\nimage = \"nginx:1.27\"\n[processes]\napp = \"srv\"\n", .kubernetes, options: ExportOptions())
        #expect(built.text.contains("image: nginx:1.27"))
        #expect(!built.warnings.contains { $0.key == "build" })
    }

    @Test func ambiguousEnvValuesStayStrings() throws {
        let (docs, _) = try render("""
            app = "a"
            [env]
            A = "yes"
            B = "y"
            C = "0755"
            D = "1:30"
            E = "null"
            F = "3.0"
            [processes]
            app = "srv"
            """)
        let env = Y.value(Y.object(docs, kind: "Deployment"), "spec.template.spec.containers.0.env") as? [[String: Any]]
        let values = Dictionary(uniqueKeysWithValues: (env ?? []).compactMap { e in (e["value"] as? String).map { (e["name"] as? String ?? "", $0) } })
        #expect(values["A"] == "yes" && values["B"] == "y" && values["C"] == "0755")
        #expect(values["D"] == "1:30" && values["E"] == "null" && values["F"] == "3.0")
    }
}
