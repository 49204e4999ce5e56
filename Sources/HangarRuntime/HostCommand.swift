import Foundation

/// Runs a host tool (`ip`, `nsenter`) to completion, capturing what it prints. Blocks the calling
/// thread for the few milliseconds the tool takes.
enum HostCommand {
    struct Result: Sendable {
        var status: Int32
        var output: String
        var succeeded: Bool { status == 0 }
    }

    /// Directories searched besides `$PATH` (root tools live in sbin, often missing from PATH).
    static let systemDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    /// The full path of a tool, or nil.
    static func find(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + systemDirectories
        for directory in directories where !directory.isEmpty {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `argv` with `input` on stdin; stdout and stderr are captured together.
    static func run(_ argv: [String], input: String? = nil) throws(LaunchError) -> Result {
        guard let name = argv.first, let path = find(name) else {
            throw .command(argv.joined(separator: " "), "\(argv.first ?? "") not found")
        }
        let output = try FileDescriptors.pipe()
        var stdinRead: Int32 = -1, stdinWrite: Int32 = -1
        if input != nil {
            let pipe = try FileDescriptors.pipe()
            stdinRead = pipe.read
            stdinWrite = pipe.write
        } else {
            stdinRead = try FileDescriptors.openNull()
        }
        let child: SpawnedProcess
        do {
            child = try Spawner.spawn(SpawnRequest(
                path: path, argv: argv, env: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"],
                workingDirectory: "/", fds: [stdinRead, output.write, output.write]))
        } catch {
            for fd in [output.read, output.write, stdinRead, stdinWrite] where fd >= 0 { close(fd) }
            throw .command(argv.joined(separator: " "), error.description)
        }
        close(output.write)
        close(stdinRead)
        if let input, stdinWrite >= 0 {
            try? FileDescriptors.writeAll(stdinWrite, Array(input.utf8))
            close(stdinWrite)
        }
        let text = String(decoding: FileDescriptors.readAll(output.read), as: UTF8.self)
        close(output.read)
        let ended = child.waitForExit()
        let status: Int32 = ended.kind == 1 ? ended.value : 128 + ended.value
        return Result(status: status, output: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs `argv` and throws with its output when it fails.
    @discardableResult
    static func check(_ argv: [String], input: String? = nil) throws(LaunchError) -> String {
        let result = try run(argv, input: input)
        guard result.succeeded else { throw .command(argv.joined(separator: " "), result.output) }
        return result.output
    }
}
