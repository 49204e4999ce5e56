import Synchronization

/// Polls every running machine's `MachineOutput`, off the supervisor actor.
final class MachineOutputPoller: Sendable {
    private let outputs = Mutex<[String: MachineOutput]>([:])
    private let task = Mutex<Task<Void, Never>?>(nil)
    let interval: Duration

    init(interval: Duration) {
        self.interval = interval
    }

    func register(_ id: String, _ output: MachineOutput) {
        outputs.withLock { $0[id] = output }
        task.withLock { task in
            guard task == nil else { return }
            let interval = interval
            task = Task.detached { [weak self] in
                while !Task.isCancelled {
                    guard let self else { return }
                    for output in self.outputs.withLock({ Array($0.values) }) { output.poll() }
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    /// Stops polling the machine's output after a last, final copy.
    func finish(_ id: String) {
        let output = outputs.withLock { $0.removeValue(forKey: id) }
        output?.poll(final: true)
    }

    func stop() {
        task.withLock { task in
            task?.cancel()
            task = nil
        }
    }
}
