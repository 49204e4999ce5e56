import FlyConfig
import HangarCore

/// A group's Fly services as Kubernetes objects: a Service per service (its internal port), an
/// Ingress for the HTTP ports (ingress-nginx), and the autoscaler its autostop settings ask for.
struct KubernetesExposure {
    var context: KubernetesContext
    var warnings = WarningList()

    /// The KEDA HTTP add-on's interceptor, which holds requests while a scaled-to-zero group starts.
    static let interceptor = "keda-add-ons-http-interceptor-proxy.keda.svc.cluster.local"
    static let interceptorPort = 8080
    static let ingressClass = "nginx"
    static let nginx = "nginx.ingress.kubernetes.io/"

    init(context: KubernetesContext) {
        self.context = context
    }

    mutating func objects(for group: GroupPlan, workloadKind: String) -> [any Encodable & Sendable] {
        var result: [any Encodable & Sendable] = []
        let labels = KubernetesLabels.group(app: context.app, group: group.name)
        let scaling = elasticity(group)
        for (index, service) in group.spec.services.enumerated() {
            let name = context.serviceName(group, service)
            let httpPorts = service.ports.filter(isHTTP)
            let otherPorts = service.ports.filter { !isHTTP($0) }
            let proto = service.protocol.lowercased() == "udp" ? "UDP" : "TCP"
            var ports: [Service.Port] = []
            if !httpPorts.isEmpty {
                ports.append(Service.Port(name: "http", protocol: "TCP", port: 80, targetPort: service.internalPort))
            }
            ports += rawPorts(otherPorts, service: service, proto: proto)
            result.append(
                Service(
                    metadata: context.meta(name, labels: labels),
                    spec: Service.Spec(
                        type: otherPorts.isEmpty ? "ClusterIP" : "LoadBalancer", selector: labels,
                        ports: ports.isEmpty ? nil : ports)))
            portWarnings(service)

            let toZero = scaling.toZero && index == scaling.serviceIndex && !httpPorts.isEmpty
            if !httpPorts.isEmpty {
                var backend = name
                var backendPort = 80
                if toZero {
                    backend = ExportNames.label(name, "interceptor")
                    backendPort = Self.interceptorPort
                    result.append(
                        Service(
                            metadata: context.meta(backend, labels: labels),
                            spec: Service.Spec(
                                type: "ExternalName", externalName: Self.interceptor,
                                ports: [Service.Port(name: "http", protocol: "TCP", port: Self.interceptorPort)])))
                }
                result.append(ingress(name: name, backend: backend, port: backendPort, service: service, labels: labels))
            }
            if scaling.serviceIndex == index {
                result += autoscaler(
                    group, service: service, name: name, workloadKind: workloadKind, minimum: scaling.minimum, toZero: toZero)
            }
            if service.concurrency != ConcurrencySpec() && !toZero {
                warnings.add(
                    "\(service.source).concurrency",
                    "Kubernetes Services spread connections without Fly's per-Machine soft and hard limits",
                    instead: "enforce limits in the app (or ingress-nginx's limit-connections annotation) and scale with the autoscaler")
            }
        }
        return result
    }

    private func isHTTP(_ port: PortSpec) -> Bool { port.handlers.contains("http") || port.handlers.contains("edge_http") }

    private mutating func rawPorts(_ list: [PortSpec], service: ServiceSpec, proto: String) -> [Service.Port] {
        var ports: [Service.Port] = []
        let limit = 100
        for port in list {
            guard port.start > 0, port.end >= port.start else { continue }
            for p in port.start...port.end {
                if ports.count == limit {
                    warnings.add(
                        "\(service.source).ports", "only the first \(limit) ports of the range are exported",
                        instead: "list the ports you need, or expose the pods with hostNetwork")
                    return ports
                }
                ports.append(
                    Service.Port(name: ExportNames.portName(proto, p), protocol: proto, port: p, targetPort: service.internalPort))
            }
        }
        return ports
    }

    private mutating func portWarnings(_ service: ServiceSpec) {
        for (i, port) in service.ports.enumerated() {
            let key = service.source == "http_service" ? "http_service" : "\(service.source).ports[\(i)]"
            let handlers = Set(port.handlers)
            if !isHTTP(port), handlers.contains("tls") {
                warnings.add(
                    "\(key).handlers", "Fly's edge terminates TLS on port \(port.start); a LoadBalancer Service passes raw TCP",
                    instead: "terminate TLS in the app, or in front of the Service (a TLS-terminating load balancer)")
            }
            for handler in ["proxy_proto", "pg_tls"] where handlers.contains(handler) {
                warnings.add(
                    "\(key).handlers", "the '\(handler)' handler of Fly's edge has no Kubernetes Service equivalent",
                    instead: handler == "proxy_proto"
                        ? "enable the PROXY protocol on your load balancer (usually an annotation of the Service)"
                        : "terminate PostgreSQL TLS in the database")
            }
            if isHTTP(port), port.start != 80, port.start != 443 {
                warnings.add(
                    "\(key).port", "ingress-nginx serves HTTP on 80 and HTTPS on 443, not on \(port.start)",
                    instead: "route port \(port.start) with a LoadBalancer Service or a TCP services entry of ingress-nginx")
            }
            if let tls = port.tlsOptions, tls != TLSOptions() {
                warnings.add(
                    "\(key).tls_options", "ingress-nginx sets TLS versions and ALPN for the whole controller",
                    instead: "set ssl-protocols in the ingress-nginx ConfigMap")
            }
            if let options = port.httpOptions { httpOptionWarnings(options, key: "\(key).http_options") }
            if port.proxyProtoOptions != nil {
                warnings.add(
                    "\(key).proxy_proto_options", "the PROXY protocol version is set on the load balancer",
                    instead: "set it with your load balancer's Service annotations")
            }
        }
    }

    private mutating func httpOptionWarnings(_ o: HTTPOptions, key: String) {
        if o.compress != nil {
            warnings.add("\(key).compress", "ingress-nginx compresses per controller", instead: "set use-gzip in the ingress-nginx ConfigMap")
        }
        if o.h2Backend != nil {
            warnings.add(
                "\(key).h2_backend", "the Ingress speaks HTTP/1.1 to pods",
                instead: "for gRPC set the annotation nginx.ingress.kubernetes.io/backend-protocol: GRPC")
        }
        if o.headersReadTimeout != nil {
            warnings.add("\(key).headers_read_timeout", "ingress-nginx sets it per controller", instead: "set client-header-timeout in the ingress-nginx ConfigMap")
        }
        if let r = o.response, r.pristine != nil || !(r.headers ?? [:]).isEmpty {
            warnings.add("\(key).response", "response header rewriting is not exported", instead: "set the headers in the app")
        }
        if !(o.replayCache ?? []).isEmpty {
            warnings.add("\(key).replay_cache", "Fly's replay cache has no Kubernetes equivalent", instead: "route sticky traffic with ingress-nginx session affinity annotations")
        }
    }

    private func ingress(name: String, backend: String, port: Int, service: ServiceSpec, labels: SortedMap<YAMLText>) -> Ingress {
        let httpPorts = service.ports.filter(isHTTP)
        let hasTLS = httpPorts.contains { $0.handlers.contains("tls") }
        let forceHTTPS = httpPorts.contains { $0.forceHTTPS }
        var annotations: [String: String] = [:]
        if forceHTTPS {
            annotations[Self.nginx + "ssl-redirect"] = "true"
            annotations[Self.nginx + "force-ssl-redirect"] = "true"
        } else if hasTLS {
            annotations[Self.nginx + "ssl-redirect"] = "false"
        }
        if let idle = httpPorts.compactMap({ $0.httpOptions?.idleTimeout }).first {
            annotations[Self.nginx + "proxy-read-timeout"] = String(idle)
            annotations[Self.nginx + "proxy-send-timeout"] = String(idle)
        }
        let host = context.options.host.flatMap { $0.isEmpty ? nil : $0 }
        let tls = hasTLS ? [Ingress.TLS(hosts: host.map { [$0] }, secretName: ExportNames.label(name, "tls"))] : nil
        let path = Ingress.Path(
            path: "/", pathType: "Prefix",
            backend: Ingress.Backend(service: Ingress.ServiceBackend(name: backend, port: Ingress.PortNumber(number: port))))
        return Ingress(
            metadata: context.meta(name, labels: labels, annotations: annotations),
            spec: Ingress.Spec(
                ingressClassName: Self.ingressClass, tls: tls,
                rules: [Ingress.Rule(host: host, http: Ingress.HTTP(paths: [path]))]))
    }

    // MARK: Autoscaling

    struct Elasticity {
        /// The service whose autostop settings drive the autoscaler (nil: none asks for it).
        var serviceIndex: Int?
        var minimum: Int
        var toZero: Bool
    }

    /// The first service with autostop on; scale to zero when `min_machines_running` is 0 and the
    /// group runs at least one Machine.
    func elasticity(_ group: GroupPlan) -> Elasticity {
        guard let index = group.spec.services.firstIndex(where: { $0.autoStop != .off }), group.count > 0 else {
            return Elasticity(serviceIndex: nil, minimum: 0, toZero: false)
        }
        let minimum = group.spec.services.map(\.minMachinesRunning).max() ?? 0
        let service = group.spec.services[index]
        let http = service.ports.contains(where: isHTTP)
        return Elasticity(serviceIndex: index, minimum: minimum, toZero: minimum == 0 && http)
    }

    private mutating func autoscaler(
        _ group: GroupPlan, service: ServiceSpec, name: String, workloadKind: String, minimum flyMinimum: Int, toZero: Bool
    ) -> [any Encodable & Sendable] {
        let key = "\(service.source).auto_stop_machines"
        let labels = KubernetesLabels.group(app: context.app, group: group.name)
        let workload = context.workloadName(group.name)
        if service.autoStop == .suspend {
            warnings.add(key, "Kubernetes cannot suspend a pod; 'suspend' is exported as 'stop'", instead: "expect cold starts instead of resumes")
        }
        if !service.autoStart {
            warnings.add(
                "\(service.source).auto_start_machines",
                "auto_start_machines = false has no equivalent: the autoscaler starts pods when load asks for them",
                instead: "remove the autoscaler and scale by hand if pods must stay stopped")
        }
        if toZero {
            return [
                HTTPScaledObject(
                    metadata: context.meta(workload, labels: labels),
                    spec: HTTPScaledObject.Spec(
                        hosts: context.options.host.flatMap { $0.isEmpty ? nil : [$0] },
                        scaleTargetRef: HTTPScaledObject.TargetRef(
                            apiVersion: "apps/v1", kind: workloadKind, name: workload, service: name, port: 80),
                        replicas: HTTPScaledObject.Replicas(min: 0, max: group.count),
                        scalingMetric: HTTPScaledObject.ScalingMetric(
                            concurrency: HTTPScaledObject.Concurrency(targetValue: max(service.concurrency.softLimit, 1)))))
            ]
        }
        let minimum = max(1, flyMinimum)
        if flyMinimum == 0 {
            warnings.add(
                "\(service.source).min_machines_running",
                "scaling to zero needs HTTP ports (the KEDA HTTP add-on); this service keeps at least one pod",
                instead: "accept one idle pod, or scale to zero with a KEDA ScaledObject on a queue or metric trigger")
        }
        guard group.count > minimum else { return [] }
        warnings.add(
            key, "the HorizontalPodAutoscaler scales on CPU use, not on Fly's idle-connection count",
            instead: "tune its target, or scale on requests with KEDA (a ScaledObject with a Prometheus trigger)")
        let milli = Int((Double(max(group.spec.guest.cpus, 1)) * 800).rounded())
        return [
            HorizontalPodAutoscaler(
                metadata: context.meta(workload, labels: labels),
                spec: HorizontalPodAutoscaler.Spec(
                    scaleTargetRef: HorizontalPodAutoscaler.TargetRef(apiVersion: "apps/v1", kind: workloadKind, name: workload),
                    minReplicas: minimum, maxReplicas: group.count,
                    metrics: [
                        HorizontalPodAutoscaler.Metric(
                            resource: HorizontalPodAutoscaler.ResourceMetric(
                                name: "cpu",
                                target: HorizontalPodAutoscaler.Target(type: "AverageValue", averageValue: YAMLText("\(milli)m"))))
                    ]))
        ]
    }
}
