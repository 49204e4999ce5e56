import Dispatch

/// Runs blocking work (a machine start blocks for its setup, tens of milliseconds) on a dispatch
/// queue, so neither the supervisor actor nor the cooperative thread pool waits on it.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
