import HangarCore

/// What the supervisor holds for one machine beyond the store: its running process, its checks,
/// its restart budget and what the user wants of it. The store keeps the machine's state; this
/// keeps the handles.
struct SupervisedMachine {
    let id: String
    let app: String
    let group: String
    /// The running machine, or nil.
    var process: MachineProcess?
    /// Counts the runs; an exit or check report from an older run is ignored.
    var run = 0
    var checks: CheckRunner?
    var checkStates: [CheckState] = []
    var tracker: RestartPolicyTracker
    /// The user asked for it to run (`up`, `start`): an unexpected exit is restarted per policy.
    /// False after `stop`, `down` or `destroy`.
    var wanted = false
    /// The restart waiting for its backoff, and its token (a newer decision voids an older one).
    var pendingRestart: Task<Void, Never>?
    var restartToken = 0
    /// Exits not asked for since the last `up` (or `scale`) began.
    var crashes = 0
    /// `$PORT` in shared mode.
    var port: Int?
    /// Frozen (`suspend`).
    var suspended = false
    /// Taken out of routing before a stop or replacement (see `Supervisor.drain`).
    var draining = false
    /// Kept out of routing until a deploy lets it in (a bluegreen deploy's green machine, a canary).
    var cordoned = false
    /// When the current run started (or was re-adopted).
    var startedAt: ContinuousClock.Instant?
    /// Since when it has been running and not frozen (its start, re-adoption or resume): autostop
    /// only judges a machine it watched for a whole pass.
    var awakeSince: ContinuousClock.Instant?
    /// Autostop is draining it before a stop or suspend; a wake may call the stop off.
    var autostopping = false
    /// Autostop stopped or suspended it: `up` counts it as fine, and a wake may bring it back.
    var autostopped = false

    init(id: String, app: String, group: String, restart: RestartSpec, backoff: RestartBackoff) {
        self.id = id
        self.app = app
        self.group = group
        self.tracker = RestartPolicyTracker(spec: restart, backoff: backoff)
    }

    var isRunning: Bool { process != nil }

    /// Every check has passed its last probe (true without checks).
    func checksPassing(expected: Int) -> Bool {
        checkStates.count == expected && checkStates.allSatisfy { $0.status == .passing }
    }
}
