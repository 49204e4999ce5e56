import Foundation
import HangarAPI
import HangarStore

/// The CLI's way to the daemon of the state directory (`$HANGAR_HOME`, `/var/lib/hangar` for root,
/// else `~/.local/share/hangar`): its API client, and starting it when `hangar up` needs it.
struct DaemonClient {
    let location: StoreLocation
    let paths: DaemonPaths
    let api: APIClient

    init(location: StoreLocation) {
        self.location = location
        paths = DaemonPaths(home: location.home)
        api = APIClient(socketPath: paths.socket)
    }

    static func resolve() throws(CLIFailure) -> DaemonClient {
        do {
            return DaemonClient(location: try StoreLocation.resolve())
        } catch {
            throw .usage(error.message)
        }
    }

    /// Starts `hangar daemon` in the background when nothing answers on the socket, and waits until
    /// it does. Returns true when it started one.
    @discardableResult
    func ensureRunning(timeout: Duration = .seconds(20), daemonArguments: [String] = []) async throws(CLIFailure) -> Bool {
        if await api.isAnswering() { return false }
        do {
            try location.prepare()
        } catch {
            throw .failed(error.message)
        }
        let pid: Int32
        do {
            pid = try DaemonSpawner.spawn(home: location.home, log: paths.log, extraArguments: daemonArguments)
        } catch {
            throw .failed("cannot start the hangar daemon: \(error.message)")
        }
        Output.error("Started the hangar daemon (pid \(pid), log \(paths.log))")
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await api.isAnswering() { return true }
            if let status = DaemonSpawner.exitStatus(pid) {
                throw .failed(
                    "the hangar daemon exited at start (status \(status)):\n" + Self.tail(of: paths.log, lines: 10))
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        throw .failed("the hangar daemon did not answer on \(paths.socket) within \(timeout); see \(paths.log)")
    }

    /// The last lines of a file, for error messages.
    static func tail(of path: String, lines: Int) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(lines).map { "  " + $0 }.joined(separator: "\n")
    }
}
