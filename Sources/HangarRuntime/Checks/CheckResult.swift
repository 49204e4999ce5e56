import Foundation

/// What one probe concluded: the status it gives the check, a short human-readable output
/// (`HTTP 200 OK in 3ms`, `connect: connection refused`, `timeout after 2s waiting for the response`)
/// and when it was taken.
public struct CheckResult: Sendable, Equatable, Codable {
    public var status: CheckStatus
    public var output: String
    public var checkedAt: Date

    public init(status: CheckStatus, output: String, checkedAt: Date) {
        self.status = status
        self.output = output
        self.checkedAt = checkedAt
    }
}
