import Foundation
import Testing
@testable import FlyConfig

@Suite struct FilesRuleTests {
    private func file(_ guest: String?, local: String? = nil) -> File {
        var f = File()
        f.guestPath = guest
        f.localPath = local
        f.rawValue = local == nil ? "x" : nil
        return f
    }

    @Test func acceptsAbsoluteGuestPaths() {
        #expect(FilesRule().run(makeConfig { $0.files = [file("/etc/app.conf")] }).isEmpty)
    }

    @Test func warnsAboutMissingAndRelativeGuestPath() {
        let d = FilesRule().run(makeConfig { $0.files = [file(nil), file("etc/app.conf")] })
        #expect(d.paths == ["files[0]", "files[1].guest_path"])
        #expect(d.allSatisfy { $0.severity == .warning && $0.code == "HG312" })
        #expect(d[1].hint == "write guest_path = \"/etc/app.conf\"")
    }

    @Test func warnsAboutMissingLocalFileWhenTheDirectoryIsKnown() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("files-rule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("x".utf8).write(to: dir.appendingPathComponent("present.conf"))
        let config = makeConfig { $0.files = [file("/a", local: "present.conf"), file("/b", local: "absent.conf")] }
        #expect(FilesRule().run(config, directory: dir.path).paths == ["files[1].local_path"])
        #expect(FilesRule().run(config).isEmpty)
    }
}
