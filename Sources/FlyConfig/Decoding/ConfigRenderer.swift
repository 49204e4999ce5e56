import Foundation

/// Renders a loaded config as JSON for `config show`.
///
/// The shape is the normalised config in fly.toml's current key names (legacy forms converted:
/// `build-target`, `mounts`, `vm`, `metrics`, `services`, named `checks`), with:
/// - durations as Go-canonical strings (`"1m21s"`, `"500ms"`, `"15s"`);
/// - `vm[].memory` (and `deploy.release_command_vm.memory`) as integer MB when it parses, else the
///   string as written;
/// - `mounts[].initial_size` and the auto-extend sizes as the string after normalisation (an integer
///   `initial_size = 10` is rendered `"10"`, i.e. GB);
/// - `auto_stop_machines` as `"off"`/`"stop"`/`"suspend"`;
/// - unset keys omitted, keys sorted, pretty-printed;
/// - `process_groups` (sorted) and `default_process_group` added at the top level.
///
/// A degraded load renders only what flyctl keeps: `{"app": …}` (or `{}`).
public enum ConfigRenderer {
    public static func json(_ loaded: LoadedConfig) -> String {
        guard let config = loaded.config else {
            var object = DegradedView()
            object.app = loaded.appName
            return encode(object)
        }
        return json(config)
    }

    public static func json(_ config: AppConfig) -> String {
        encode(ShowView(config: config))
    }

    private static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            return "{}"
        }
        return text
    }

    private struct DegradedView: Encodable {
        var app: String?
    }

    private struct ShowView: Encodable {
        var config: AppConfig

        enum Extra: String, CodingKey {
            case processGroups = "process_groups"
            case defaultProcessGroup = "default_process_group"
        }

        func encode(to encoder: any Encoder) throws {
            try config.encode(to: encoder)
            var c = encoder.container(keyedBy: Extra.self)
            try c.encode(config.processNames, forKey: .processGroups)
            try c.encode(config.defaultProcessGroup, forKey: .defaultProcessGroup)
        }
    }
}
