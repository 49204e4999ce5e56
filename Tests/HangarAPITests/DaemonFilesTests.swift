import Foundation
import Glibc
import Testing
@testable import HangarAPI

@Suite struct DaemonFilesTests {
    @Test func lockIsExclusiveAndNamesTheHolder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/daemon.lock"
        let lock = try DaemonLock.acquire(path: path)
        #expect(throws: DaemonLock.Failure.held(path: path, pid: getpid())) { try DaemonLock.acquire(path: path) }
        _ = lock
    }

    @Test func lockIsFreedWithItsHolder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/daemon.lock"
        do { _ = try DaemonLock.acquire(path: path) }
        _ = try DaemonLock.acquire(path: path)
    }

    @Test func logAppendsPrivateLines() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/daemon.log"
        do {
            let log = try DaemonLog(path: path, echoToStandardError: false)
            log.write("first")
            log.write("second \(HTTPText.loggable("evil\u{1b}[31m\nline"))")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix(" first"))
        #expect(lines[1].hasSuffix("evil\\x1b[31m\\x0aline"))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test func logRotatesWhenLarge() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/daemon.log"
        try String(repeating: "x", count: 2000).write(toFile: path, atomically: true, encoding: .utf8)
        let log = try DaemonLog(path: path, echoToStandardError: false, rotateBytes: 1000)
        log.write("fresh")
        #expect(FileManager.default.fileExists(atPath: path + ".1"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("fresh\n"))
    }
}
