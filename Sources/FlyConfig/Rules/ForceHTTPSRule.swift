/// HG406: `force_https` only works on a port with the `http` handler (warning): the redirect is
/// made by the HTTP handler.
struct ForceHTTPSRule: Rule {
    let codes = ["HG406"]
    let summary = "force_https is set only on ports with the http handler"

    func check(_ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (i, service) in (context.config.services ?? []).enumerated() {
            for (j, port) in (service.ports ?? []).enumerated()
            where port.forceHTTPS == true && !(port.handlers ?? []).contains("http") {
                result.append(
                    context.warning(
                        "HG406", "force_https is set on a port without the http handler, so nothing redirects",
                        hint: "add \"http\" to handlers (handlers = [\"http\"]), or remove force_https",
                        path: "services[\(i)].ports[\(j)].force_https"))
            }
        }
        return result
    }
}
