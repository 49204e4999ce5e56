/// `v1` Service: a group's ports inside the cluster (ClusterIP, behind the Ingress), on a load
/// balancer (raw TCP/UDP ports), headless (a StatefulSet's pod names), or ExternalName (the KEDA
/// HTTP add-on's interceptor).
struct Service: Encodable, Sendable {
    var apiVersion = "v1"
    var kind = "Service"
    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Encodable, Sendable {
        var type: String
        var clusterIP: String?
        var externalName: String?
        var selector: SortedMap<YAMLText>?
        var ports: [Port]?
    }

    struct Port: Encodable, Sendable, Equatable {
        var name: String
        var `protocol`: String
        var port: Int
        var targetPort: Int?
    }
}

/// `networking.k8s.io/v1` Ingress (ingress-nginx conventions).
struct Ingress: Encodable, Sendable {
    var apiVersion = "networking.k8s.io/v1"
    var kind = "Ingress"
    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Encodable, Sendable {
        var ingressClassName: String
        var tls: [TLS]?
        var rules: [Rule]
    }

    struct TLS: Encodable, Sendable {
        var hosts: [String]?
        var secretName: String
    }

    struct Rule: Encodable, Sendable {
        var host: String?
        var http: HTTP
    }

    struct HTTP: Encodable, Sendable {
        var paths: [Path]
    }

    struct Path: Encodable, Sendable {
        var path: String
        var pathType: String
        var backend: Backend
    }

    struct Backend: Encodable, Sendable {
        var service: ServiceBackend
    }

    struct ServiceBackend: Encodable, Sendable {
        var name: String
        var port: PortNumber
    }

    struct PortNumber: Encodable, Sendable {
        var number: Int
    }
}
