import Foundation

/// HG312: `[[files]]` entries need an absolute `guest_path` (warnings); a relative `local_path` that
/// does not exist beside fly.toml fails at deploy (warning: flyctl reads it from its working
/// directory, usually that one).
struct FilesRule: Rule {
    let codes = ["HG312"]
    let summary = "[[files]] have an absolute guest_path; local_path exists"

    func check(_ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (i, file) in (context.config.files ?? []).enumerated() {
            let base = "files[\(i)]"
            if let guest = file.guestPath, !guest.isEmpty {
                if !guest.hasPrefix("/") {
                    result.append(
                        context.warning(
                            "HG312", "guest_path '\(guest)' is not absolute", hint: "write guest_path = \"/\(guest)\"",
                            path: base + ".guest_path"))
                }
            } else {
                result.append(
                    context.warning(
                        "HG312", "file has no guest_path, so it is written nowhere",
                        hint: "add guest_path = \"/path/in/the/machine\"", path: base))
            }
            if let local = file.localPath, !local.isEmpty, !local.hasPrefix("/"), let directory = context.directory {
                let full = URL(fileURLWithPath: directory).appendingPathComponent(local).path
                if !FileManager.default.fileExists(atPath: full) {
                    result.append(
                        context.warning(
                            "HG312", "local_path '\(local)' does not exist next to fly.toml; the deploy will fail to read it",
                            hint: "create the file or fix the path (it is relative to the fly.toml directory)",
                            path: base + ".local_path"))
                }
            }
        }
        return result
    }
}
