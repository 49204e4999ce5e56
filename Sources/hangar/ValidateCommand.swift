import ArgumentParser
import FlyConfig
import Foundation

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check fly.toml files: flyctl's verdict plus what flyctl only finds at deploy time.",
        discussion: """
            Prints one line per finding, `fly.toml:12:3: error[HG204]: message`, with a hint line.
            Exit status: 0 when no file has errors, 1 when a file has errors, 2 when a file cannot \
            be read or the arguments are wrong.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Config files or app directories (default: ./fly.toml).")
    var paths: [String] = []

    @Option(name: [.customShort("c"), .long], help: "A config file or app directory (flyctl's spelling; may repeat).")
    var config: [String] = []

    @Flag(name: .long, help: "Fail on unknown keys too, like flyctl's --strict.")
    var strict = false

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Print errors only (no warnings or notes).")
    var quiet = false

    func run() async throws {
        let given = paths + config
        let files = given.isEmpty ? [ConfigFileLocator.resolve(nil)] : given.map { ConfigFileLocator.resolve($0) }
        let reports = files.map { FlyConfigValidator.validate(path: $0, strict: strict) }

        switch format {
        case .json:
            let bodies = reports.map(ValidationJSON.init)
            Output.print(given.count <= 1 ? Output.json(bodies[0]) : Output.json(bodies))
        case .text:
            for report in reports {
                Output.print(ValidationText.render(report, quiet: quiet))
            }
        }

        if reports.contains(where: \.unreadable) { throw ExitCode(ExitStatus.usage) }
        if reports.contains(where: { !$0.ok }) { throw ExitCode(ExitStatus.invalid) }
    }
}

/// Human output of one file's validation.
enum ValidationText {
    static func render(_ report: ValidationReport, quiet: Bool) -> String {
        var lines: [String] = []
        for diagnostic in report.diagnostics where !quiet || diagnostic.severity == .error {
            lines.append(diagnostic.formatted(file: report.file))
        }
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let warnings = report.diagnostics.filter { $0.severity == .warning }.count
        let summary = "\(plural(errors, "error")), \(plural(warnings, "warning"))"
        if report.unreadable {
            lines.append("✘ \(report.file): cannot be read")
        } else if report.ok {
            lines.append("✓ \(report.file): configuration is valid (\(summary))")
        } else {
            lines.append("✘ \(report.file): configuration is not valid (\(summary))")
        }
        return lines.joined(separator: "\n")
    }

    private static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

/// The JSON shape of one file's validation: `{"file", "ok", "diagnostics": [...]}`.
struct ValidationJSON: Encodable {
    var file: String
    var ok: Bool
    var diagnostics: [DiagnosticJSON]

    init(_ report: ValidationReport) {
        file = report.file
        ok = report.ok
        diagnostics = report.diagnostics.map(DiagnosticJSON.init)
    }
}

/// One diagnostic in JSON; absent fields are written as `null` so every object has the same keys.
struct DiagnosticJSON: Encodable {
    var diagnostic: Diagnostic

    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    enum Keys: String, CodingKey { case severity, code, message, hint, line, column, path }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(diagnostic.severity.rawValue, forKey: .severity)
        try c.encode(diagnostic.code, forKey: .code)
        try c.encode(diagnostic.message, forKey: .message)
        try c.encode(diagnostic.hint, forKey: .hint)
        let position = diagnostic.position.flatMap { $0.isKnown ? $0 : nil }
        try c.encode(position?.line, forKey: .line)
        try c.encode(position?.column, forKey: .column)
        try c.encode(diagnostic.path, forKey: .path)
    }
}
