import FlyConfig
import HangarCore
import NIOHTTP1

/// The headers the `http` handler adds on the way to the app and on the way back (Fly's set), and
/// the hop-by-hop headers it drops.
public enum ForwardedHeaders {
    /// Where a request came from and how.
    public struct Origin: Sendable, Equatable {
        public var clientIP: String
        /// `http` or `https`.
        public var scheme: String
        /// The public port the client aimed for (before any port offset).
        public var publicPort: Int
        public var region: String
        public var requestID: String

        public init(clientIP: String, scheme: String, publicPort: Int, region: String, requestID: String) {
            self.clientIP = clientIP
            self.scheme = scheme
            self.publicPort = publicPort
            self.region = region
            self.requestID = requestID
        }
    }

    static let hopByHop = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"]

    /// The request headers the app sees: hop-by-hop headers dropped (kept for an Upgrade), then
    /// Fly-Client-IP (overwritten), X-Forwarded-For (appended), X-Forwarded-Proto/Port/SSL,
    /// Fly-Forwarded-Port, Fly-Region, Fly-Request-Id and Via.
    public static func request(_ incoming: HTTPHeaders, origin: Origin, upgrade: Bool) -> HTTPHeaders {
        var headers = incoming
        if !upgrade {
            for name in connectionTokens(incoming) { headers.remove(name: name) }
            for name in hopByHop { headers.remove(name: name) }
        }
        headers.replaceOrAdd(name: "Fly-Client-IP", value: origin.clientIP)
        let previous = headers["X-Forwarded-For"].joined(separator: ", ")
        headers.replaceOrAdd(
            name: "X-Forwarded-For", value: previous.isEmpty ? origin.clientIP : previous + ", " + origin.clientIP)
        headers.replaceOrAdd(name: "X-Forwarded-Proto", value: origin.scheme)
        headers.replaceOrAdd(name: "X-Forwarded-Port", value: String(origin.publicPort))
        headers.replaceOrAdd(name: "X-Forwarded-SSL", value: origin.scheme == "https" ? "on" : "off")
        headers.replaceOrAdd(name: "Fly-Forwarded-Port", value: String(origin.publicPort))
        headers.replaceOrAdd(name: "Fly-Region", value: origin.region)
        headers.replaceOrAdd(name: "Fly-Request-Id", value: origin.requestID)
        let via = headers["Via"].joined(separator: ", ")
        headers.replaceOrAdd(name: "Via", value: via.isEmpty ? "1.1 hangar" : via + ", 1.1 hangar")
        return headers
    }

    /// The response headers the client sees: hop-by-hop headers dropped (kept for a 101), then, unless
    /// `pristine`, Via and Fly-Request-Id, then `http_options.response.headers` (a value sets, `false`
    /// removes).
    public static func response(
        _ incoming: HTTPHeaders, options: HTTPResponseOptions?, requestID: String, upgrade: Bool
    ) -> HTTPHeaders {
        var headers = incoming
        if !upgrade {
            for name in connectionTokens(incoming) { headers.remove(name: name) }
            for name in hopByHop { headers.remove(name: name) }
        }
        if options?.pristine != true {
            let via = headers["Via"].joined(separator: ", ")
            headers.replaceOrAdd(name: "Via", value: via.isEmpty ? "1.1 hangar" : via + ", 1.1 hangar")
            headers.replaceOrAdd(name: "Fly-Request-Id", value: requestID)
        }
        for (name, setting) in (options?.headers ?? [:]).sorted(by: { $0.key < $1.key }) {
            switch setting {
            case .flag(false):
                headers.remove(name: name)
            case .flag(true):
                break
            case .value(let value):
                headers.replaceOrAdd(name: name, value: value)
            case .values(let values):
                headers.remove(name: name)
                for value in values { headers.add(name: name, value: value) }
            }
        }
        return headers
    }

    /// Header names listed in `Connection` (they are hop-by-hop too).
    static func connectionTokens(_ headers: HTTPHeaders) -> [String] {
        headers["Connection"].flatMap { $0.split(separator: ",") }
            .map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
            .filter { !$0.isEmpty && $0 != "close" && $0 != "keep-alive" }
    }
}
