import Foundation

/// How a `Supervisor` runs machines. The defaults suit the daemon; tests shorten the waits.
public struct SupervisorOptions: Sendable {
    /// The binary that runs the machine init (`<binary> _machine-init ID`): the running `hangar`
    /// (or the test bundle, which links the same init).
    public var initExecutable: String
    /// Variables of the daemon's environment passed on to machines (`PATH`, `HOME`, locale).
    public var baseEnvironment: [String: String]
    /// Probe a check that has not passed yet at least this often, so `up` sees a machine healthy
    /// soon after it is (the check's own `interval` applies once it passes). Nil keeps Fly's cadence.
    public var checkStartupInterval: Duration?
    /// The backoff between restarts (100 ms doubling up to 10 s, reset by a 60 s run).
    public var restartBackoff: RestartBackoff
    /// `up` fails at once when a machine has crashed this many times since `up` began (it keeps
    /// being restarted per its policy).
    public var upCrashLimit: Int
    /// A machine counts as up for `up` only after running this long, so one that exits in its first
    /// seconds fails `up` instead of passing it.
    public var minimumUptime: Duration
    /// How many log lines of a failing machine an error message quotes.
    public var failureLogLines: Int
    /// The address indexes isolated machines may take (see `MachineAddress`).
    public var addressIndexes: Range<Int>
    /// How long `scale` waits for new machines to start and pass their checks.
    public var scaleWaitTimeoutSeconds: Int
    /// How often waits look at machine states.
    public var pollInterval: Duration
    /// How new volumes hold their data: `auto` makes a loop-mounted ext4 image when the host can
    /// (see `VolumeImage`), `directory` always a plain directory.
    public var volumeBacking: VolumeBackingChoice
    /// Bytes of image per GB of volume size: 1,000,000,000 (Fly counts GB in powers of ten). Tests
    /// shrink it so that filling a "1 GB" volume takes a few megabytes.
    public var volumeImageBytesPerGB: Int64
    /// Consecutive critical probes of one check after which `--restart-unhealthy` restarts a machine.
    public var unhealthyProbeLimit: Int

    public init(
        initExecutable: String = "/proc/self/exe",
        baseEnvironment: [String: String] = MachineEnvironment.inherited(from: ProcessInfo.processInfo.environment),
        checkStartupInterval: Duration? = .milliseconds(500),
        restartBackoff: RestartBackoff = RestartBackoff(),
        upCrashLimit: Int = 3,
        minimumUptime: Duration = .seconds(2),
        failureLogLines: Int = 10,
        addressIndexes: Range<Int> = 0..<MachineAddress.capacity,
        scaleWaitTimeoutSeconds: Int = 120,
        pollInterval: Duration = .milliseconds(100),
        volumeBacking: VolumeBackingChoice = .auto,
        volumeImageBytesPerGB: Int64 = 1_000_000_000,
        unhealthyProbeLimit: Int = 3
    ) {
        self.initExecutable = initExecutable
        self.baseEnvironment = baseEnvironment
        self.checkStartupInterval = checkStartupInterval
        self.restartBackoff = restartBackoff
        self.upCrashLimit = upCrashLimit
        self.minimumUptime = minimumUptime
        self.failureLogLines = failureLogLines
        self.addressIndexes = addressIndexes
        self.scaleWaitTimeoutSeconds = scaleWaitTimeoutSeconds
        self.pollInterval = pollInterval
        self.volumeBacking = volumeBacking
        self.volumeImageBytesPerGB = volumeImageBytesPerGB
        self.unhealthyProbeLimit = max(1, unhealthyProbeLimit)
    }
}

/// How a supervisor holds new volumes.
public enum VolumeBackingChoice: String, Sendable, CaseIterable {
    /// An image when `VolumeImage.isAvailable`, else a directory.
    case auto
    /// Always a directory (the size is not enforced).
    case directory
}
