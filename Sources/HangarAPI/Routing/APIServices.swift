import HangarRuntime
import HangarStore

/// What the routes answer from: the runtime (machines, secrets, volumes, logs), the store (tokens,
/// machine records for Fly's config objects, volume details) and who the daemon is.
public struct APIServices: Sendable {
    public var runtime: any RuntimeControl
    public var store: HangarStore?
    public var daemon: DaemonInfo

    public init(runtime: any RuntimeControl, store: HangarStore?, daemon: DaemonInfo) {
        self.runtime = runtime
        self.store = store
        self.daemon = daemon
    }

    /// The store, or the 503 a daemon without one answers.
    func requireStore() -> Result<HangarStore, APIError> {
        guard let store else {
            return .failure(APIError(status: 503, kind: "unavailable", message: "this server has no state store"))
        }
        return .success(store)
    }

    /// A store call with its error as an API error.
    func storeCall<T>(_ body: (HangarStore) throws(StoreError) -> T) -> Result<T, APIError> {
        switch requireStore() {
        case .failure(let error): return .failure(error)
        case .success(let store):
            do throws(StoreError) {
                return .success(try body(store))
            } catch {
                return .failure(APIError(error))
            }
        }
    }
}
