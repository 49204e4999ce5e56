import ArgumentParser
import FlyConfig
import Foundation
import HangarCore
import HangarExport

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Render the app for Kubernetes, Nomad or docker compose.",
        discussion: """
            Prints one file (a Kubernetes YAML stream, a Nomad job, a compose file) on stdout, or \
            writes kubernetes.yaml / nomad.hcl / compose.yaml into the directory given with -o. \
            Whatever the target cannot express is printed on stderr as `warning: <key>: <message>` \
            with a hint line. Secrets are written by name only, never with a value. Exit status: 0 \
            rendered (warnings included), 1 the config has errors or cannot be planned, 2 wrong \
            arguments or an unreadable file. See docs/export.md.
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case kubernetes, nomad, compose

        var format: ExportFormat {
            switch self {
            case .kubernetes: .kubernetes
            case .nomad: .nomad
            case .compose: .compose
            }
        }
    }

    enum Driver: String, ExpressibleByArgument, CaseIterable {
        case docker
        case rawExec = "raw_exec"
    }

    @Argument(help: "kubernetes, nomad or compose.")
    var target: Target

    @Option(name: [.customShort("c"), .long], help: "Config file or app directory (default: ./fly.toml).")
    var config: String?

    @Option(name: [.customShort("a"), .long], help: "The app name, when fly.toml has no `app` (flyctl's -a).")
    var app: String?

    @Option(name: .long, help: "The image to run (default: [build] image, else <app>:latest with a warning; compose then builds the Dockerfile).")
    var image: String?

    @Option(name: .long, help: "Kubernetes or Nomad namespace.")
    var namespace: String?

    @Option(name: .long, help: "Nomad task driver: docker (the image) or raw_exec (the local command).")
    var driver: Driver = .docker

    @Option(name: .long, help: "A secret's name (repeatable). Only names are written; values never are.")
    var secret: [String] = []

    @Option(name: .long, help: "Machines of a process group, GROUP=N (repeatable; default 1 per group).")
    var count: [String] = []

    @Flag(name: .long, help: "Kubernetes: export top-level [checks] as livenessProbes (they restart pods; Fly's do not).")
    var liveness = false

    @Option(name: .long, help: "Kubernetes: the public host name of the Ingress (default: any host).")
    var host: String?

    @Option(name: [.customShort("o"), .long], help: "A directory to write the file into, or - for stdout (default).")
    var output: String = "-"

    func validate() throws {
        if driver != .docker && target != .nomad { throw ValidationError("--driver applies to nomad only") }
        if liveness && target != .kubernetes { throw ValidationError("--liveness applies to kubernetes only") }
        if host != nil && target != .kubernetes { throw ValidationError("--host applies to kubernetes only") }
        if namespace != nil && target == .compose { throw ValidationError("--namespace applies to kubernetes and nomad only") }
        for name in secret {
            if name.contains("=") {
                throw ValidationError("--secret takes a name, not NAME=VALUE: secret values are never written into an export")
            }
            guard Self.isSecretName(name) else {
                throw ValidationError("invalid secret name '\(name)': use letters, digits and _ (not starting with a digit)")
            }
        }
    }

    static func isSecretName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    func run() async throws {
        let file = ConfigFileLocator.resolve(config)
        let report = FlyConfigValidator.validate(path: file)
        guard let appConfig = report.loaded.config, report.ok else {
            for diagnostic in report.errors { Output.error(diagnostic.formatted(file: file)) }
            if !report.unreadable { Output.error("✘ \(file): fix the errors above, then export again") }
            throw ExitCode(report.unreadable ? ExitStatus.usage : ExitStatus.invalid)
        }
        let appDirectory = URL(fileURLWithPath: report.loaded.directory).standardizedFileURL

        let counts: [String: Int]
        do {
            counts = try GroupScale.parse(count, defaultGroup: appConfig.defaultProcessGroup)
        } catch {
            Output.error("Error: \(error.message)")
            throw ExitCode(ExitStatus.usage)
        }
        let groups = appConfig.processNames
        for name in counts.keys.sorted() where !groups.contains(name) {
            Output.error("Error: --count \(name)=…: the app has no process group '\(name)' (groups: \(groups.joined(separator: ", ")))")
            throw ExitCode(ExitStatus.usage)
        }

        let imageDefaults = driver == .rawExec ? Self.imageDefaults(appConfig, directory: appDirectory) : .none
        let plan: Plan
        do {
            plan = try HangarExport.plan(
                config: appConfig, appName: app, counts: counts, secretNames: Array(Set(secret)).sorted(), image: imageDefaults)
        } catch {
            Output.error("Error: \(error.message)")
            throw ExitCode(ExitStatus.invalid)
        }

        let outputDirectory = output == "-" ? nil : URL(fileURLWithPath: output).standardizedFileURL
        let composeBase = outputDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        let options = ExportOptions(
            image: image, namespace: namespace, driver: driver == .rawExec ? .rawExec : .docker, liveness: liveness,
            host: host, buildContext: Self.relativePath(from: composeBase, to: appDirectory),
            workingDirectory: appDirectory.path)

        let rendered: ExportOutput
        do {
            rendered = try HangarExport.render(target.format, plan: plan, config: appConfig, options: options)
        } catch {
            Output.error("Error: \(error.message)")
            throw ExitCode(ExitStatus.invalid)
        }
        for warning in rendered.warnings { Output.error(warning.description) }

        guard let outputDirectory else {
            FileHandle.standardOutput.write(Data(rendered.text.utf8))
            return
        }
        let destination = outputDirectory.appendingPathComponent(target.format.fileName)
        do {
            try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
            try Data(rendered.text.utf8).write(to: destination)
        } catch {
            Output.error("Error: cannot write \(destination.path): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.usage)
        }
        Output.error("wrote \(destination.path)")
    }

    /// The Dockerfile's CMD/ENTRYPOINT and the Procfile beside fly.toml: where a group's local
    /// command comes from when [processes] has none (raw_exec only; images carry their own).
    static func imageDefaults(_ config: AppConfig, directory: URL) -> ImageDefaults {
        var defaults = ImageDefaults()
        let dockerfileName = config.build?.dockerfile.flatMap { $0.hasPrefix("http") ? nil : $0 } ?? "Dockerfile"
        if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(dockerfileName).path) {
            let parsed = ImageDefaults.dockerfile(String(decoding: data, as: UTF8.self))
            defaults.entrypoint = parsed.entrypoint
            defaults.cmd = parsed.cmd
        }
        if let data = FileManager.default.contents(atPath: directory.appendingPathComponent("Procfile").path) {
            defaults.procfile = ImageDefaults.procfile(String(decoding: data, as: UTF8.self))
        }
        return defaults
    }

    /// `to` relative to the directory `from` (both absolute), e.g. `../app`; `.` when equal.
    static func relativePath(from: URL, to: URL) -> String {
        let a = from.pathComponents
        let b = to.pathComponents
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        let parts = Array(repeating: "..", count: a.count - common) + b[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
