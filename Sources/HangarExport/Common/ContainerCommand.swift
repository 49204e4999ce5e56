import FlyConfig
import HangarCore

/// What a container overrides in its image, the way Fly does it: `[processes]` (or
/// `[experimental] cmd`) replaces the image's CMD, `[experimental] entrypoint` its ENTRYPOINT,
/// `[experimental] exec` both. Nil parts leave the image's own value in place, so an export with an
/// image needs no command at all.
struct ContainerCommand: Sendable, Equatable {
    /// Replaces the image's ENTRYPOINT (Kubernetes `command`, compose `entrypoint`).
    var entrypoint: [String]?
    /// Replaces the image's CMD (Kubernetes `args`, compose `command`).
    var cmd: [String]?

    static func overrides(group: String, config: AppConfig) -> ContainerCommand {
        if let exec = config.experimental?.exec, !exec.isEmpty { return ContainerCommand(entrypoint: exec, cmd: []) }
        let entrypoint = config.experimental?.entrypoint.flatMap { $0.isEmpty ? nil : $0 }
        if let text = config.command(for: group), let argv = try? CommandLineSplitter.split(text), !argv.isEmpty {
            return ContainerCommand(entrypoint: entrypoint, cmd: argv)
        }
        if let cmd = config.experimental?.cmd, !cmd.isEmpty { return ContainerCommand(entrypoint: entrypoint, cmd: cmd) }
        return ContainerCommand(entrypoint: entrypoint, cmd: nil)
    }

    /// The release command replaces CMD and keeps the entrypoint, as on Fly.
    static func release(_ argv: [String], config: AppConfig) -> ContainerCommand {
        if let exec = config.experimental?.exec, !exec.isEmpty { return ContainerCommand(entrypoint: argv, cmd: []) }
        let entrypoint = config.experimental?.entrypoint.flatMap { $0.isEmpty ? nil : $0 }
        return ContainerCommand(entrypoint: entrypoint, cmd: argv)
    }
}
