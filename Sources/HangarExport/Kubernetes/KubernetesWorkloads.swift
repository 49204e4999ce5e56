/// `apps/v1` Deployment: a stateless process group.
struct Deployment: Encodable, Sendable {
    var apiVersion = "apps/v1"
    var kind = "Deployment"
    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Encodable, Sendable {
        var replicas: Int
        var selector: LabelSelector
        var strategy: Strategy
        var progressDeadlineSeconds: Int?
        var template: PodTemplate
    }

    struct Strategy: Encodable, Sendable {
        var type: String
        var rollingUpdate: RollingUpdate?
    }

    struct RollingUpdate: Encodable, Sendable {
        var maxUnavailable: IntOrString
        var maxSurge: IntOrString
    }
}

/// `apps/v1` StatefulSet: a process group with a volume, one claim per replica (Fly's one volume
/// per Machine).
struct StatefulSet: Encodable, Sendable {
    var apiVersion = "apps/v1"
    var kind = "StatefulSet"
    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Encodable, Sendable {
        var serviceName: String
        var replicas: Int
        var selector: LabelSelector
        var podManagementPolicy: String?
        var template: PodTemplate
        var volumeClaimTemplates: [ClaimTemplate]
    }

    struct ClaimTemplate: Encodable, Sendable {
        var metadata: TemplateMeta
        var spec: ClaimSpec
    }

    struct ClaimSpec: Encodable, Sendable {
        var accessModes: [String]
        var resources: ClaimResources
    }

    struct ClaimResources: Encodable, Sendable {
        var requests: SortedMap<YAMLText>
    }
}

/// `batch/v1` Job: the release command.
struct Job: Encodable, Sendable {
    var apiVersion = "batch/v1"
    var kind = "Job"
    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Encodable, Sendable {
        var backoffLimit: Int
        var activeDeadlineSeconds: Int?
        var template: PodTemplate
    }
}

struct PodTemplate: Encodable, Sendable {
    var metadata: TemplateMeta
    var spec: PodSpec
}

struct PodSpec: Encodable, Sendable {
    var restartPolicy: String?
    var terminationGracePeriodSeconds: Int?
    var containers: [Container]
    var volumes: [Volume]?
}

struct Container: Encodable, Sendable {
    var name: String
    var image: String
    var command: [String]?
    var args: [String]?
    var ports: [ContainerPort]?
    var env: [EnvVar]?
    var resources: Resources
    var readinessProbe: Probe?
    var livenessProbe: Probe?
    var volumeMounts: [VolumeMount]?
}

struct ContainerPort: Encodable, Sendable, Equatable {
    var name: String
    var containerPort: Int
    var `protocol`: String
}

struct EnvVar: Encodable, Sendable {
    var name: String
    var value: YAMLText?
    var valueFrom: ValueFrom?

    struct ValueFrom: Encodable, Sendable {
        var secretKeyRef: KeyRef
    }

    struct KeyRef: Encodable, Sendable {
        var name: String
        var key: String
    }
}

struct Resources: Encodable, Sendable {
    var requests: SortedMap<YAMLText>
    var limits: SortedMap<YAMLText>
}

struct Probe: Encodable, Sendable {
    var httpGet: HTTPGet?
    var tcpSocket: TCPSocket?
    var initialDelaySeconds: Int
    var periodSeconds: Int
    var timeoutSeconds: Int

    struct HTTPGet: Encodable, Sendable {
        var path: String
        var port: Int
        var scheme: String
        var httpHeaders: [Header]?
    }

    struct Header: Encodable, Sendable {
        var name: String
        var value: YAMLText
    }

    struct TCPSocket: Encodable, Sendable {
        var port: Int
    }
}

struct VolumeMount: Encodable, Sendable {
    var name: String
    var mountPath: String
    var subPath: String?
    var readOnly: Bool?
}

struct Volume: Encodable, Sendable {
    var name: String
    var configMap: Source?
    var secret: SecretSource?

    struct Source: Encodable, Sendable {
        var name: String
        var items: [Item]?
    }

    struct SecretSource: Encodable, Sendable {
        var secretName: String
        var items: [Item]?
    }

    struct Item: Encodable, Sendable {
        var key: String
        var path: String
    }
}
