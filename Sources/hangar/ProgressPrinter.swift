import HangarAPI
import HangarRuntime
import Synchronization

/// Prints a line for each machine whenever its state or checks change while `hangar up` waits.
final class ProgressPrinter: Sendable {
    private let shown = Mutex<[String: String]>([:])

    /// Polls the app's status until the task is cancelled.
    func poll(api: APIClient, app: String) async {
        while !Task.isCancelled {
            if let status = try? await api.status(app: app) { show(status) }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Prints the machines whose line changed since last shown.
    func show(_ status: AppStatus) {
        for machine in status.machines {
            let line = StatusView.progressLine(machine)
            let changed = shown.withLock { shown -> Bool in
                guard shown[machine.id] != line else { return false }
                shown[machine.id] = line
                return true
            }
            if changed { Output.error(line) }
        }
    }
}
