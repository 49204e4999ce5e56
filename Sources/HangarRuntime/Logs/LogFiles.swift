import HangarStore

/// Where a machine's logs live: `<directory>/<machine-id>.log`, then `.log.1` (newest rotated) up to
/// `.log.<generations>` (oldest).
public struct LogFiles: Sendable, Hashable {
    public let directory: String

    /// Rotated generations are looked for up to this number, whatever a writer was configured with.
    static let generationScanLimit = 1000

    public init(directory: String) {
        var directory = directory
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        self.directory = directory.isEmpty ? "." : directory
    }

    /// The logs of a Hangar state directory: `<home>/logs`.
    public init(location: StoreLocation) {
        self.init(directory: location.home + "/logs")
    }

    /// Machine ids name files, so they are restricted to `[A-Za-z0-9_-]{1,64}`: no `/`, no `..`.
    public static func validate(machineID: String) throws(LogError) {
        let bytes = Array(machineID.utf8)
        guard !bytes.isEmpty, bytes.count <= 64,
            bytes.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            })
        else { throw .invalidMachineID(machineID) }
    }

    /// The file being written.
    public func current(_ machineID: String) -> String {
        directory + "/" + machineID + ".log"
    }

    /// Generation 0 is the current file; 1 is the newest rotated one.
    public func generation(_ number: Int, of machineID: String) -> String {
        number <= 0 ? current(machineID) : current(machineID) + "." + String(number)
    }

    /// Deletes a machine's log and every rotated generation (when the machine is purged). A writer
    /// still open on it keeps writing to the deleted file until it rotates or reopens.
    public func remove(machineID: String) throws(LogError) {
        try Self.validate(machineID: machineID)
        LogFileIO.unlink(current(machineID))
        var number = 1
        while number < Self.generationScanLimit, LogFileIO.status(path: generation(number, of: machineID)) != nil {
            LogFileIO.unlink(generation(number, of: machineID))
            number += 1
        }
    }

    /// Machine ids with a log file here (current or rotated), sorted.
    public func machineIDs() -> [String] {
        var ids = Set<String>()
        for name in LogFileIO.names(in: directory) {
            var stem = Substring(name)
            if let dot = stem.lastIndex(of: "."), stem[stem.index(after: dot)...].allSatisfy(\.isASCIIDigitLike),
                stem[stem.index(after: dot)...].isEmpty == false
            {
                stem = stem[..<dot]
            }
            guard stem.hasSuffix(".log") else { continue }
            let id = String(stem.dropLast(4))
            if (try? Self.validate(machineID: id)) != nil { ids.insert(id) }
        }
        return ids.sorted()
    }
}

extension Character {
    fileprivate var isASCIIDigitLike: Bool { self >= "0" && self <= "9" }
}
