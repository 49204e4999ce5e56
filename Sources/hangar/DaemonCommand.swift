import ArgumentParser
import Foundation
import Glibc
import HangarAPI
import HangarProxy
import HangarRuntime
import HangarStore

struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run the host agent: supervises every app's machines and serves the API on a unix socket.",
        discussion: """
            Runs in the foreground. Serves <home>/hangar.sock (mode 0600: only its owner can connect) and \
            logs to <home>/daemon.log. One daemon per state directory. SIGTERM or SIGINT stops the API; \
            machines keep running and the next daemon re-adopts them. `hangar up` starts a daemon in the \
            background when none answers.
            """
    )

    @Option(name: .long, help: "The state directory (default: $HANGAR_HOME, /var/lib/hangar for root, else ~/.local/share/hangar).")
    var home: String?

    @Option(
        name: .long,
        help: "How often the autostop pass runs, as a Go duration (default: $HANGAR_AUTOSTOP_INTERVAL, else 5m; at least 100ms).")
    var autostopInterval: String?

    @Option(name: .long, help: "Also serve the API on TCP at HOST:PORT (e.g. 127.0.0.1:4280); every request needs `Authorization: Bearer <token>` from `hangar tokens create`.")
    var apiListen: String?

    @Flag(name: .long, help: .hidden)
    var detached = false

    @Option(name: .long, help: "Listen on every public port + N (e.g. 8000: port 80 listens on 8080, 443 on 8443).")
    var portOffset: Int = 0

    @Option(name: .long, help: "The address the edge proxy listens on.")
    var proxyHost: String = "0.0.0.0"

    @Flag(name: .long, help: "Do not run the edge proxy (no public ports are opened).")
    var noProxy = false

    func run() async throws {
        try await runCommand {
            if detached { _ = setsid() }
            signal(SIGPIPE, SIG_IGN)
            signal(SIGHUP, SIG_IGN)
            guard (-65535...65535).contains(portOffset) else {
                throw CLIFailure.usage("--port-offset must be from -65535 to 65535, got \(portOffset)")
            }
            var tcp: TCPAddress?
            if let apiListen {
                guard let address = TCPAddress(parsing: apiListen) else {
                    throw CLIFailure.usage("invalid --api-listen \(apiListen): expected HOST:PORT, e.g. 127.0.0.1:4280")
                }
                tcp = address
            }
            let location = try resolveLocation()
            let interval: Duration
            do throws(AutostopInterval.Invalid) {
                interval = try AutostopInterval.resolve(
                    flag: autostopInterval, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CLIFailure.usage(error.message)
            }
            let paths = DaemonPaths(home: location.home)
            do throws(StoreError) {
                try location.prepare()
            } catch {
                throw CLIFailure.failed(error.message)
            }
            let log: DaemonLog
            do throws(SocketError) {
                log = try DaemonLog(path: paths.log)
            } catch {
                throw CLIFailure.failed(error.description)
            }
            let lock: DaemonLock
            do throws(DaemonLock.Failure) {
                lock = try DaemonLock.acquire(path: paths.lock)
            } catch {
                throw CLIFailure.failed(error.description)
            }
            try await serve(location: location, paths: paths, log: log, autostopInterval: interval, tcp: tcp)
            withExtendedLifetime(lock) {}
        }
    }

    /// The edge proxy, following the supervisor's routing tables until cancelled. Its metrics go to
    /// the registry `/metrics` renders; its access log lines into the serving machines' logs.
    private func startEdge(runtime: DaemonRuntime, location: StoreLocation, log: DaemonLog) -> Task<Void, Never> {
        let options = ProxyOptions(bindHost: proxyHost, portOffset: portOffset)
        var hooks = PipelineHooks()
        do throws(CertificateError) {
            hooks = .edge(certificates: try CertificateStore(home: location.home))
        } catch {
            log.write("proxy: TLS is off, the certificates cannot be loaded: \(error)")
        }
        let sink = ProxyAccessLogSink(location: location)
        let accessLog = AccessLog(sink: sink)
        let edge = EdgeProxy(
            options: options, demand: runtime.demand, hooks: hooks, metrics: ProxyMetrics(), accessLog: accessLog,
            log: { log.write($0) })
        log.write("proxy: edge started (bind \(proxyHost), port offset \(portOffset))")
        return Task {
            await edge.run(updates: await runtime.routingUpdates())
            accessLog.shutdown()
            sink.close()
        }
    }

    private func resolveLocation() throws(CLIFailure) -> StoreLocation {
        if let home {
            guard home.hasPrefix("/") else { throw .usage("--home must be an absolute path, got \(home)") }
            return StoreLocation(home: home)
        }
        do {
            return try StoreLocation.resolve()
        } catch {
            throw .usage(error.message)
        }
    }

    private func serve(
        location: StoreLocation, paths: DaemonPaths, log: DaemonLog, autostopInterval: Duration, tcp: TCPAddress?
    ) async throws {
        let signals = SignalWaiter([SIGTERM, SIGINT])
        log.write("hangar daemon \(Hangar.configuration.version) starting: pid \(getpid()), home \(location.home)")
        let store: HangarStore
        do throws(StoreError) {
            store = try HangarStore.open(at: location)
        } catch {
            log.write("cannot open the state: \(error.message)")
            throw CLIFailure.failed(error.message)
        }
        let runtime: DaemonRuntime
        do {
            runtime = try await RuntimeFactory.make(store: store, log: log, autostopInterval: autostopInterval)
            try await runtime.recover()
        } catch {
            log.write("cannot start the runtime: \(error)")
            throw CLIFailure.failed("cannot start the runtime: \(error)")
        }
        let info = DaemonInfo(
            pid: getpid(), version: Hangar.configuration.version, home: location.home,
            startedAt: ISO8601DateFormatter().string(from: Date()))
        let metrics = DaemonMetrics.bootstrap()
        let services = APIServices(runtime: runtime.control, store: store, daemon: info)
        let router = APIRoutes.router(services: services, metrics: DaemonMetrics.renderer(metrics))
        let server = APIServer(socketPath: paths.socket, router: router, log: log)
        let tcpServer = tcp.map {
            APIServer(
                tcp: $0, router: APIRoutes.router(services: services, listener: .tcp, metrics: DaemonMetrics.renderer(metrics)),
                auth: BearerAuth(store: store), log: log)
        }
        do {
            try server.start()
            try tcpServer?.start()
        } catch {
            log.write("cannot serve the API: \(error)")
            server.stop()
            await runtime.shutdown()
            throw CLIFailure.failed(error.description)
        }
        let edge = noProxy ? nil : startEdge(runtime: runtime, location: location, log: log)
        log.write("ready")
        let received = await signals.next() ?? SIGTERM
        log.write("received \(received == SIGINT ? "SIGINT" : "SIGTERM"): stopping; machines keep running")
        edge?.cancel()
        await edge?.value
        tcpServer?.stop()
        server.stop()
        await runtime.shutdown()
        try? store.close()
        log.write("stopped")
    }
}
