import Dispatch
import Synchronization

/// Runs async work from a plain thread and waits for its result. Connection threads use it to call
/// the router; they are threads of their own, so waiting never occupies the cooperative pool.
enum AsyncBridge {
    static func wait<T: Sendable>(_ operation: @escaping @Sendable () async -> T) -> T? {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            let result = await operation()
            box.value.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return box.value.withLock { $0 }
    }

    private final class Box<T: Sendable>: Sendable {
        let value = Mutex<T?>(nil)
    }
}
