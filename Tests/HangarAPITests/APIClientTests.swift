import Foundation
import Testing
@testable import HangarAPI

/// The client against a peer that answers badly: every case is a transport error, never a trap.
@Suite struct APIClientTests {
    /// Serves one connection on `path`: reads the request head, writes `answer`, closes.
    func answerOnce(_ answer: [UInt8], at path: String) throws -> Thread {
        let listener = try UnixSocket.listen(path: path)
        let thread = Thread {
            defer { listener.close() }
            guard let connection = try? listener.accept(timeout: testPatience) else { return }
            defer { connection.close() }
            var received: [UInt8] = []
            while HTTPResponseReader.headEnd(received) == nil {
                guard let piece = try? connection.read(until: .now + testPatience), !piece.isEmpty else { break }
                received += piece
            }
            try? connection.write(answer, until: .now + testPatience)
        }
        thread.start()
        return thread
    }

    @Test func malformedAnswersAreTransportErrors() async throws {
        let cases: [String] = [
            "garbage\r\n\r\n",
            "HTTP/1.1 2000 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n[]",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]",
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n{x}",
            "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 70_000),
            "",
        ]
        for text in cases {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.path + "/hangar.sock"
            let thread = try answerOnce(Array(text.utf8), at: path)
            let client = APIClient(socketPath: path, patience: testPatience)
            do {
                _ = try await client.apps()
                Issue.record("accepted \(text.prefix(40).debugDescription)")
            } catch {
                guard case .transport = error else {
                    Issue.record("\(text.prefix(40).debugDescription): \(error)")
                    continue
                }
                #expect(error.exitCode == 1)
            }
            _ = thread
        }
    }

    @Test func errorStatusesWithoutAJSONBodyStillMapToKinds() async throws {
        for (status, kind) in [(400, "invalid"), (404, "invalid"), (502, "failed")] {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.path + "/hangar.sock"
            _ = try answerOnce(Array("HTTP/1.1 \(status) Whatever\r\nContent-Length: 4\r\n\r\noops".utf8), at: path)
            do {
                _ = try await APIClient(socketPath: path, patience: testPatience).apps()
                Issue.record("accepted \(status)")
            } catch {
                guard case .api(let apiError) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(apiError.status == status)
                #expect(apiError.kind == kind)
            }
        }
    }

    @Test func chunkedAndUntilCloseBodiesAreRead() async throws {
        for text in [
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n[\r\n1\r\n]\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n[]",
        ] {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.path + "/hangar.sock"
            _ = try answerOnce(Array(text.utf8), at: path)
            #expect(try await APIClient(socketPath: path, patience: testPatience).apps().isEmpty)
        }
    }

    @Test func pathsEncodeEverySegment() {
        #expect(APIPaths.app("../x", "volumes") == "/v1/apps/..%2Fx/volumes")
        #expect(APIPaths.hangarApp("../x") == "/v1/hangar/apps/..%2Fx")
        #expect(APIPaths.machine("demo", "a b", "stop") == "/v1/apps/demo/machines/a%20b/stop")
    }
}
