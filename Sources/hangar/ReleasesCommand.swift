import ArgumentParser
import HangarAPI
import HangarRuntime

struct ReleasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "releases",
        abstract: "List an app's releases (VERSION, STATUS, DESCRIPTION, USER, DATE), newest first.")

    @OptionGroup var target: AppOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() async throws {
        try await runCommand {
            let app = try target.resolveApp()
            let releases = try await DaemonClient.resolve().api.releases(app: app)
            Output.print(json ? Output.json(releases) : Self.render(releases))
        }
    }

    static func render(_ releases: [ReleaseSummary]) -> String {
        guard !releases.isEmpty else { return "No releases yet: `hangar deploy` makes one." }
        var table = TableRenderer(["Version", "Status", "Description", "User", "Date"])
        for release in releases {
            table.add(["v\(release.version)", release.status, release.description, release.user, release.createdAt])
        }
        return table.render()
    }
}
