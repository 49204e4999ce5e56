import Testing
import Glibc
@testable import HangarRuntime

@Suite struct CheckHTTPMessageTests {
    @Test func requestHeadHasFixedHeadersThenSortedCheckHeaders() throws {
        let head = try HTTPRequestHead(method: "get", path: "/up", host: "10.0.0.2:8080", headers: ["b": "2", "A": " 1 "])
        let text = String(decoding: head.bytes, as: UTF8.self)
        #expect(text == "GET /up HTTP/1.1\r\nHost: 10.0.0.2:8080\r\nUser-Agent: Consul Health Check\r\n"
            + "Accept: text/plain, text/*, */*\r\nA: 1\r\nb: 2\r\nConnection: close\r\n\r\n")
    }

    @Test func checkHeadersReplaceDefaultsCaseInsensitively() throws {
        let head = try HTTPRequestHead(
            method: "HEAD", path: "/", host: "h", headers: ["user-agent": "mine", "Content-Length": "9", "Transfer-Encoding": "chunked"])
        #expect(head.headers.map(\.name) == ["Host", "User-Agent", "Accept", "Connection"])
        #expect(head.headers[1].value == "mine")
    }

    @Test func bodyMethodsSayTheBodyIsEmpty() throws {
        for method in ["POST", "put", "PATCH"] {
            let head = try HTTPRequestHead(method: method, path: "/", host: "h", headers: [:])
            #expect(head.headers.contains { $0.name == "Content-Length" && $0.value == "0" })
        }
        let get = try HTTPRequestHead(method: "", path: "/", host: "h", headers: [:])
        #expect(get.method == "GET")
        #expect(!get.headers.contains { $0.name == "Content-Length" })
    }

    @Test func requestTargets() {
        #expect(HTTPRequestHead.requestTarget("") == "/")
        #expect(HTTPRequestHead.requestTarget("health") == "/health")
        #expect(HTTPRequestHead.requestTarget("/a b?q=ü#frag") == "/a%20b?q=%C3%BC")
        #expect(HTTPRequestHead.requestTarget("/x\r\nHost: evil") == "/x%0D%0AHost:%20evil")
    }

    @Test func rejectsWhatWouldBreakTheRequest() {
        #expect(throws: ProbeFailure.invalidRequest("invalid HTTP method \"GET /x\"")) {
            try HTTPRequestHead(method: "GET /x", path: "/", host: "h", headers: [:])
        }
        #expect(throws: ProbeFailure.invalidRequest("invalid HTTP header name \"Bad Name\"")) {
            try HTTPRequestHead(method: "GET", path: "/", host: "h", headers: ["Bad Name": "v"])
        }
        #expect(throws: ProbeFailure.invalidRequest("invalid value for HTTP header X")) {
            try HTTPRequestHead(method: "GET", path: "/", host: "h", headers: ["X": "a\nb"])
        }
    }

    @Test func parsesStatusLinesAndLocation() {
        let ok = HTTPResponseHead.parse(Array("HTTP/1.1 200 OK\r\nServer: x\r\n\r\nbody".utf8))
        #expect(ok == .complete(HTTPResponseHead(statusCode: 200, reason: "OK", location: nil), length: 30))
        let redirect = HTTPResponseHead.parse(Array("HTTP/1.0 302 Found\nLocation:  /login \n\n".utf8))
        #expect(redirect == .complete(HTTPResponseHead(statusCode: 302, reason: "Found", location: "/login"), length: 39))
        let bare = HTTPResponseHead.parse(Array("HTTP/1.1 204\r\n".utf8))
        #expect(bare == .statusLine(HTTPResponseHead(statusCode: 204, reason: "", location: nil)))
    }

    @Test func incompleteAndMalformedHeads() {
        #expect(HTTPResponseHead.parse([]) == .incomplete)
        #expect(HTTPResponseHead.parse(Array("HTTP/1.1 2".utf8)) == .incomplete)
        #expect(HTTPResponseHead.parse(Array("HT".utf8)) == .incomplete)
        for text in ["SSH-2.0\r\n", "HTTP/2 200 OK\r\n", "HTTP/1.1 2000 OK\r\n", "HTTP/1.1 abc OK\r\n", "HTTP/1.1 099 X\r\n", "<html>"] {
            guard case .malformed = HTTPResponseHead.parse(Array(text.utf8)) else {
                Issue.record("\(text.debugDescription) should be malformed")
                continue
            }
        }
    }

    @Test func outcomes() {
        #expect(HTTPProbe.outcome(for: HTTPResponseHead(statusCode: 200, reason: "OK"), elapsed: .milliseconds(3))
            == .succeeded("HTTP 200 OK in 3ms"))
        #expect(HTTPProbe.outcome(for: HTTPResponseHead(statusCode: 299, reason: ""), elapsed: .zero).succeeded)
        #expect(!HTTPProbe.outcome(for: HTTPResponseHead(statusCode: 304, reason: "Not Modified"), elapsed: .zero).succeeded)
        #expect(!HTTPProbe.outcome(for: HTTPResponseHead(statusCode: 404, reason: "Not Found"), elapsed: .zero).succeeded)
        #expect(!HTTPProbe.outcome(for: HTTPResponseHead(statusCode: 101, reason: "Switching Protocols"), elapsed: .zero).succeeded)
    }

    @Test func durationsForHumans() {
        #expect(ProbeText.duration(.seconds(2)) == "2s")
        #expect(ProbeText.duration(.milliseconds(1500)) == "1.5s")
        #expect(ProbeText.duration(.milliseconds(250)) == "250ms")
        #expect(ProbeText.duration(.seconds(90)) == "1m30s")
        #expect(ProbeText.elapsed(.milliseconds(3)) == "3ms")
        #expect(ProbeText.elapsed(.milliseconds(2468)) == "2.4s")
        #expect(ProbeText.elapsed(.microseconds(300)) == "<1ms")
        #expect(ProbeText.errorText(ECONNREFUSED) == "connection refused")
    }
}
