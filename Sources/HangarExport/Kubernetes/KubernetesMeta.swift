/// `metadata` of a Kubernetes object.
struct ObjectMeta: Encodable, Sendable, Equatable {
    var name: String
    var namespace: String?
    var labels: SortedMap<YAMLText>?
    var annotations: SortedMap<YAMLText>?
}

/// `metadata` of a pod template or claim template (no name).
struct TemplateMeta: Encodable, Sendable, Equatable {
    var name: String?
    var labels: SortedMap<YAMLText>?
    var annotations: SortedMap<YAMLText>?
}

/// `selector` of a workload.
struct LabelSelector: Encodable, Sendable, Equatable {
    var matchLabels: SortedMap<YAMLText>
}

/// An int-or-string field (`maxUnavailable: 1` or `"25%"`, a named or numbered port).
enum IntOrString: Encodable, Sendable, Equatable {
    case int(Int)
    case string(String)

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let n): try c.encode(n)
        case .string(let s): try c.encode(YAMLText(s))
        }
    }
}

/// The labels every object of a group carries (the Kubernetes recommended ones), also its selector.
enum KubernetesLabels {
    static let name = "app.kubernetes.io/name"
    static let component = "app.kubernetes.io/component"

    static func group(app: String, group: String) -> SortedMap<YAMLText> {
        SortedMap([name: YAMLText(ExportNames.label(app)), component: YAMLText(ExportNames.label(group))])
    }

    static func app(_ app: String) -> SortedMap<YAMLText> {
        SortedMap([name: YAMLText(ExportNames.label(app))])
    }
}
