import CHangarShim
import Dispatch
import Foundation
import Synchronization

/// Tells when processes end, without blocking Swift's cooperative thread pool: one dedicated
/// thread waits on every registered pidfd with epoll; each ended process's handler then runs on a
/// dispatch queue. Without pidfds (kernels before 5.3) each process gets a waiting thread.
final class ProcessReaper: Sendable {
    static let shared = ProcessReaper()

    private let epoll: Int32
    private let handlers = Mutex<[Int32: @Sendable () -> Void]>([:])

    private init() {
        epoll = hangar_epoll_create()
        guard epoll >= 0 else { return }
        let thread = Thread { [self] in
            while true {
                let fd = hangar_epoll_wait_one(epoll)
                if fd < 0 {
                    usleep(10_000)
                    continue
                }
                hangar_epoll_remove(epoll, fd)
                let handler = handlers.withLock { $0.removeValue(forKey: fd) }
                if let handler { DispatchQueue.global().async(execute: handler) }
            }
        }
        thread.name = "hangar-reaper"
        thread.start()
    }

    /// Calls `handler` once after the process behind `pidfd` ends (it is not reaped: the handler
    /// does that). `pid` is used when `pidfd` is -1.
    func watch(pid: Int32, pidfd: Int32, _ handler: @escaping @Sendable () -> Void) {
        if pidfd >= 0, epoll >= 0 {
            handlers.withLock { $0[pidfd] = handler }
            if hangar_epoll_add(epoll, pidfd) == 0 { return }
            handlers.withLock { _ = $0.removeValue(forKey: pidfd) }
        }
        let thread = Thread {
            if pidfd >= 0 {
                _ = hangar_poll_readable(pidfd, -1)
            } else {
                _ = hangar_wait_pid_exited_nowait(pid)
            }
            handler()
        }
        thread.name = "hangar-wait-\(pid)"
        thread.start()
    }
}
