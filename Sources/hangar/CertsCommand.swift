import ArgumentParser
import Foundation
import HangarProxy
import HangarStore

/// `hangar certs`: the local CA and the certificates the edge serves. Works on the state directory
/// itself (`$HANGAR_HOME/certs`), so it needs no daemon; a running daemon picks the changes up
/// without a restart.
struct CertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs", abstract: "Manage the TLS certificates the proxy serves, and Hangar's local CA.",
        subcommands: [CA.self, Add.self, List.self, Remove.self])

    /// The certificate store of the state directory (making the CA on first use).
    static func store() throws(CLIFailure) -> CertificateStore {
        let location: StoreLocation
        do {
            location = try StoreLocation.resolve()
        } catch {
            throw .usage(error.message)
        }
        do {
            return try CertificateStore(home: location.home)
        } catch {
            throw .failed(error.description)
        }
    }

    struct CA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ca",
            abstract: "Print the path of Hangar's CA certificate (made on first use).",
            discussion: """
                Trust it to reach apps over HTTPS without warnings, e.g. \
                `curl --cacert "$(hangar certs ca)" https://web.localhost`.
                """)

        func run() async throws {
            try await runCommand {
                Output.print(try CertsCommand.store().authority.certificatePath)
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Serve HOST for an app: a certificate signed by Hangar's CA, or your own PEM pair.",
            discussion: """
                HOST is a DNS name; `*.example.com` is a wildcard. The proxy routes HOST (Host header and \
                SNI) to the app. With --cert and --key, the files are checked (the certificate must name \
                HOST and the key must be its key) and copied into the state directory.
                """)

        @Argument(help: "The host name.")
        var host: String

        @OptionGroup var app: AppOptions

        @Option(name: .long, help: "A PEM certificate (chain) to serve instead of one from Hangar's CA.")
        var cert: String?

        @Option(name: .long, help: "The PEM private key of --cert.")
        var key: String?

        func run() async throws {
            try await runCommand {
                let appName = try app.resolveApp()
                if cert != nil, key == nil { throw CLIFailure.usage("--cert needs --key (the certificate's private key)") }
                if key != nil, cert == nil { throw CLIFailure.usage("--key needs --cert (the certificate it belongs to)") }
                do throws(CertificateError) {
                    _ = try HostName.validate(host)
                } catch {
                    throw CLIFailure.usage(error.description)
                }
                let store = try CertsCommand.store()
                let entry: HostCertificate
                do {
                    switch (cert, key) {
                    case (let cert?, let key?):
                        entry = try store.add(host: host, app: appName, certificatePath: cert, keyPath: key)
                    default:
                        entry = try store.add(host: host, app: appName)
                    }
                } catch let error as CertificateError {
                    if case .invalid(let message) = error { throw CLIFailure.usage(message) }
                    throw CLIFailure.failed(error.description)
                }
                let origin = entry.source == .provided ? "your certificate" : "a certificate signed by Hangar's CA"
                Output.print("\(entry.host) → app \(appName): \(origin), valid until \(CertsCommand.day(entry.notAfter))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List certificates: HOST, APP, SOURCE, EXPIRES, NAMES.")

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let entries = try CertsCommand.store().list()
                if json {
                    Output.print(Output.json(entries))
                    return
                }
                var table = TableRenderer(["Host", "App", "Source", "Expires", "Names"])
                for entry in entries {
                    let source = entry.source == .provided ? "provided" : (entry.automatic ? "hangar (auto)" : "hangar")
                    table.add([
                        entry.host, entry.app ?? "-", source, CertsCommand.day(entry.notAfter),
                        entry.names.joined(separator: ", "),
                    ])
                }
                Output.print(table.render())
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Stop serving HOST and delete its certificate.")

        @Argument(help: "The host name.")
        var host: String

        func run() async throws {
            try await runCommand {
                let store = try CertsCommand.store()
                let removed: Bool
                do throws(CertificateError) {
                    removed = try store.remove(host: host)
                } catch {
                    throw CLIFailure.failed("\(error)")
                }
                guard removed else { throw CLIFailure.failed("no certificate for \(host) (see `hangar certs list`)") }
                Output.print("removed \(host)")
            }
        }
    }

    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
