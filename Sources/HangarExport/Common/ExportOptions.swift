/// What the command line adds to the plan for an export.
public struct ExportOptions: Sendable, Equatable {
    /// The container image (`--image`). When nil: `[build] image`, else a placeholder with a warning
    /// (compose builds the image from the Dockerfile instead).
    public var image: String?
    /// Kubernetes namespace / Nomad namespace (`--namespace`).
    public var namespace: String?
    /// Nomad task driver (`--driver`).
    public var driver: NomadDriver
    /// Add Kubernetes livenessProbes from top-level checks (`--liveness`). Off by default: Fly's
    /// checks never restart a Machine.
    public var liveness: Bool
    /// The public host name for the Ingress and the KEDA HTTP add-on (`--host`); nil matches any host.
    public var host: String?
    /// compose: the build context (the app's directory) relative to the compose file, used when no
    /// image is given. Default `.`.
    public var buildContext: String
    /// Nomad `raw_exec`: the directory the command runs in (the app's directory, absolute).
    public var workingDirectory: String?

    public init(
        image: String? = nil, namespace: String? = nil, driver: NomadDriver = .docker, liveness: Bool = false,
        host: String? = nil, buildContext: String = ".", workingDirectory: String? = nil
    ) {
        self.image = image
        self.namespace = namespace
        self.driver = driver
        self.liveness = liveness
        self.host = host
        self.buildContext = buildContext
        self.workingDirectory = workingDirectory
    }
}

/// How Nomad runs a task.
public enum NomadDriver: String, Sendable, Equatable, CaseIterable {
    /// The image, as on Fly.
    case docker
    /// The group's command on the client host, unisolated (the app's files must be there).
    case rawExec = "raw_exec"
}
