/// `autoscaling/v2` HorizontalPodAutoscaler: elasticity between `min_machines_running` (at least 1)
/// and the scale count, on CPU.
struct HorizontalPodAutoscaler: Encodable, Sendable {
    var apiVersion = "autoscaling/v2"
    var kind = "HorizontalPodAutoscaler"
    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Encodable, Sendable {
        var scaleTargetRef: TargetRef
        var minReplicas: Int
        var maxReplicas: Int
        var metrics: [Metric]
    }

    struct TargetRef: Encodable, Sendable {
        var apiVersion: String
        var kind: String
        var name: String
    }

    struct Metric: Encodable, Sendable {
        var type = "Resource"
        var resource: ResourceMetric
    }

    struct ResourceMetric: Encodable, Sendable {
        var name: String
        var target: Target
    }

    struct Target: Encodable, Sendable {
        var type: String
        var averageValue: YAMLText
    }
}

/// `http.keda.sh/v1alpha1` HTTPScaledObject (KEDA HTTP add-on): scale to zero and back on HTTP
/// traffic, which the add-on's interceptor holds while a pod starts.
struct HTTPScaledObject: Encodable, Sendable {
    var apiVersion = "http.keda.sh/v1alpha1"
    var kind = "HTTPScaledObject"
    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Encodable, Sendable {
        var hosts: [String]?
        var pathPrefixes: [String]?
        var scaleTargetRef: TargetRef
        var replicas: Replicas
        var scalingMetric: ScalingMetric
    }

    struct TargetRef: Encodable, Sendable {
        var apiVersion: String
        var kind: String
        var name: String
        var service: String
        var port: Int
    }

    struct Replicas: Encodable, Sendable {
        var min: Int
        var max: Int
    }

    struct ScalingMetric: Encodable, Sendable {
        var concurrency: Concurrency
    }

    struct Concurrency: Encodable, Sendable {
        var targetValue: Int
    }
}
