import HangarCore
import HangarStore

extension ControlError {
    /// A store refusal as the API reports it.
    init(_ error: StoreError) {
        let kind: Kind =
            switch error.kind {
            case .invalidInput: .invalid
            case .notFound: .notFound
            case .conflict: .conflict
            case .secretKey, .storage: .failed
            }
        self.init(kind, error.message)
    }

    /// A plan that cannot be made from the config (no command for a group, bad guest).
    init(_ error: PlanError) {
        self.init(.invalidConfig, error.message)
    }
}

/// Runs store calls, reporting a refusal as a `ControlError`.
@discardableResult
func storeCall<T>(_ body: () throws(StoreError) -> T) throws(ControlError) -> T {
    do {
        return try body()
    } catch {
        throw ControlError(error)
    }
}
