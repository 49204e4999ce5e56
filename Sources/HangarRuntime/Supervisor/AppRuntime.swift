/// What the supervisor remembers of an app between calls: the mode its machines run in and the
/// notes that go with it.
struct AppRuntime: Sendable {
    var mode: RuntimeMode
    var notes: [String]
}
