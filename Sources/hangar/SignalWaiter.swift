import Dispatch
import Glibc
import Synchronization

/// Catches termination signals: while it lives, the signals no longer kill the process, and
/// `next()` returns each one as it arrives. Cancelling a waiting task loses nothing: a later
/// `next()` still sees signals that came meanwhile.
final class SignalWaiter: @unchecked Sendable {
    // The dispatch sources are created, resumed and later cancelled by this object only.
    private let sources: [any DispatchSourceSignal]
    private let pending: Pending

    private final class Pending: Sendable {
        let signals = Mutex<[Int32]>([])
    }

    init(_ numbers: [Int32]) {
        let pending = Pending()
        self.pending = pending
        sources = numbers.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { pending.signals.withLock { $0.append(number) } }
            source.resume()
            return source
        }
    }

    /// The next signal; nil when the task is cancelled first.
    func next() async -> Int32? {
        while !Task.isCancelled {
            let signal = pending.signals.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            if let signal { return signal }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
