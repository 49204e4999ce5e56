import Foundation
import Glibc

/// One daemon per state directory: an exclusive `flock` on `<home>/daemon.lock`, held for the
/// daemon's life (the kernel drops it when the process ends, even on SIGKILL). The file holds the
/// holder's pid, for the message a second daemon prints.
public final class DaemonLock: Sendable {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case held(path: String, pid: Int32?)
        case system(String)

        public var description: String {
            switch self {
            case .held(let path, let pid):
                "another hangar daemon is running for this state directory"
                    + (pid.map { " (pid \($0))" } ?? "") + "; it holds \(path)"
            case .system(let message): message
            }
        }
    }

    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    public static func acquire(path: String) throws(Failure) -> DaemonLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .system("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            defer { close(descriptor) }
            if code == EWOULDBLOCK {
                let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                throw .held(path: path, pid: Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            throw .system("cannot lock \(path): \(String(cString: strerror(code)))")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { raw in pwrite(descriptor, raw.baseAddress, raw.count, 0) }
        return DaemonLock(path: path, descriptor: descriptor)
    }
}
