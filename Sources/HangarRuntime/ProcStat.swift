import Foundation

/// The fields of `/proc/PID/stat` the launcher needs.
public struct ProcStat: Sendable, Equatable {
    public var pid: Int32
    /// `R`, `S`, `D`, `Z`, `T`, ...
    public var state: Character
    public var parent: Int32
    public var processGroup: Int32
    /// Field 22: start time in clock ticks after boot. With the pid it identifies a process.
    public var startTime: UInt64

    /// Parses the text of a stat file. The command name (field 2) may contain spaces and
    /// parentheses, so the fields after it are counted from the last `)`.
    public static func parse(_ text: String) -> ProcStat? {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"),
              let pid = Int32(text[..<open].trimmingCharacters(in: .whitespaces))
        else { return nil }
        let rest = text[text.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        // rest[0] is field 3 (state), so field N is rest[N - 3].
        guard rest.count >= 20, let state = rest[0].first, let parent = Int32(rest[1]),
              let group = Int32(rest[2]), let start = UInt64(rest[19])
        else { return nil }
        return ProcStat(pid: pid, state: state, parent: parent, processGroup: group, startTime: start)
    }

    /// Reads `/proc/PID/stat`, or nil when there is no such process.
    public static func read(pid: Int32) -> ProcStat? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        return parse(String(decoding: data, as: UTF8.self))
    }
}

extension MachineProcess {
    /// True when `pid` is a live (not zombie) process that started at `startTime`: the same
    /// process, not a later one that reused the pid.
    public static func isAlive(pid: Int32, startTime: UInt64) -> Bool {
        guard pid > 0, let stat = ProcStat.read(pid: pid) else { return false }
        return stat.state != "Z" && stat.state != "X" && stat.startTime == startTime
    }
}
