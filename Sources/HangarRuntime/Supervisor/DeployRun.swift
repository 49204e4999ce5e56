import Foundation
import HangarCore
import HangarStore

/// A deploy's progress as the runtime keeps it in the store (the deploy row's `state`), written
/// before each change it makes: the steps, the new spec of each group, and what a rollback needs
/// (each changed machine's spec before the deploy, the machines it created). A daemon that restarts
/// mid-deploy reads it back to finish or undo the deploy.
struct DeployRun: Sendable, Codable, Equatable {
    var app: String
    /// The deploy's row (nil for a rolling restart, which has none).
    var deployID: Int64?
    var plan: DeployPlan
    /// The new spec of each process group.
    var target: [String: MachineSpec]
    /// Index of the step under way (steps before it are done).
    var next = 0
    /// Each machine's spec before this deploy changed it (written before the change).
    var previous: [String: MachineSpec] = [:]
    /// Machines that ran before the deploy (they run again after a rollback).
    var wasRunning: [String] = []
    /// Machines this deploy created (new ones, green ones, canaries): a rollback destroys them.
    var created: [String] = []
    /// bluegreen: the green machine made for each blue one.
    var greens: [String: String] = [:]
    /// bluegreen: traffic went to the green machines (the blue ones were stopped).
    var switched = false
    var autoRollback: Bool
    var waitTimeoutSeconds: Int
    var mode: RuntimeMode

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode(_ text: String) -> DeployRun? {
        try? JSONDecoder().decode(DeployRun.self, from: Data(text.utf8))
    }

    /// `2/5: replace 1 machine: ...`.
    var stepText: String {
        guard next < plan.steps.count else { return "\(plan.steps.count)/\(plan.steps.count): done" }
        return "\(next + 1)/\(plan.steps.count): \(plan.steps[next].summary)"
    }
}

/// Why a deploy step failed, for the deploy's message and the caller's error.
struct DeployFailure: Error, Sendable {
    var message: String
    /// The supervisor detached mid-way: nothing more is recorded (the next one recovers).
    var detached = false

    init(_ message: String, detached: Bool = false) {
        self.message = message
        self.detached = detached
    }
}
