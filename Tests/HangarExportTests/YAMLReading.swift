import Testing
import Yams

/// Reads exported YAML back for assertions.
enum YAMLReading {
    static func documents(_ text: String) throws -> [[String: Any]] {
        try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
    }

    /// The first document of `kind` (and `name`, when given).
    static func object(_ docs: [[String: Any]], kind: String, name: String? = nil) -> [String: Any]? {
        docs.first { doc in
            doc["kind"] as? String == kind && (name == nil || (doc["metadata"] as? [String: Any])?["name"] as? String == name)
        }
    }

    /// The value at a dotted path (`spec.template.spec.containers.0.args`).
    static func value(_ object: Any?, _ path: String) -> Any? {
        var current = object
        for part in path.split(separator: ".") {
            if let i = Int(part), let list = current as? [Any] {
                current = i < list.count ? list[i] : nil
            } else {
                current = (current as? [String: Any])?[String(part)]
            }
        }
        return current
    }
}
