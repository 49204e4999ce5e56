import Foundation

/// Runs a blocking probe on a thread of its own, so socket waits never occupy the cooperative
/// pool. Cancelling the calling task signals the probe's `ProbeCancellation`, which wakes its
/// `poll` at once; the probe then returns `ProbeFailure.cancelled`.
enum ProbeThread {
    static func run<T: Sendable>(
        _ body: @escaping @Sendable (ProbeCancellation) -> Result<T, ProbeFailure>
    ) async -> Result<T, ProbeFailure> {
        if Task.isCancelled { return .failure(.cancelled) }
        let cancellation: ProbeCancellation
        do {
            cancellation = try ProbeCancellation()
        } catch {
            return .failure(error)
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, ProbeFailure>, Never>) in
                let thread = Thread {
                    continuation.resume(returning: body(cancellation))
                }
                thread.name = "hangar-check-probe"
                thread.start()
            }
        } onCancel: {
            cancellation.signal()
        }
    }
}
