import Dispatch
import Synchronization

/// The hand-over between a streaming producer (a task) and the connection thread that writes to the
/// socket. The producer never blocks: `send` queues the chunk, or returns false once the client has
/// gone or has fallen more than `capacity` chunks behind (the stream then ends).
public final class StreamSink: Sendable {
    enum Item: Sendable, Equatable {
        case chunk([UInt8])
        case end
    }

    private struct State {
        var queue: [Item] = []
        var closed = false
    }

    private let state = Mutex(State())
    private let signal = DispatchSemaphore(value: 0)
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// Queues one chunk; false when the stream is closed (the producer should return).
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        if bytes.isEmpty { return !isClosed }
        let accepted = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            if state.queue.count >= capacity {
                state.closed = true
                return false
            }
            state.queue.append(.chunk(bytes))
            return true
        }
        if accepted { signal.signal() }
        return accepted
    }

    public var isClosed: Bool { state.withLock { $0.closed } }

    /// The producer is done.
    func finish() {
        state.withLock { $0.queue.append(.end) }
        signal.signal()
    }

    /// The consumer is gone: further sends are refused.
    func close() {
        state.withLock { $0.closed = true }
        signal.signal()
    }

    /// The next item, waiting at most `timeout`; nil when nothing came in time.
    func next(timeout: Duration) -> Item? {
        if let item = pop() { return item }
        _ = signal.wait(timeout: .now() + .milliseconds(timeout.clampedMilliseconds))
        return pop()
    }

    private func pop() -> Item? {
        state.withLock { state in
            if state.queue.isEmpty { return nil }
            return state.queue.removeFirst()
        }
    }
}
