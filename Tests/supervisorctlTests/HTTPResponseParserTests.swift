import XCTest

@testable import supervisorctl

final class HTTPResponseParserTests: XCTestCase {
    /// Feeds `pieces` one after another; returns the body.
    private func parse(_ parser: inout HTTPResponseParser, _ pieces: [String]) throws -> String {
        var body: [UInt8] = []
        for piece in pieces {
            try parser.feed(Array(piece.utf8)) { body += $0 }
        }
        return String(decoding: body, as: UTF8.self)
    }

    private func failure(_ pieces: [String]) -> ControlError? {
        var parser = HTTPResponseParser()
        do {
            _ = try parse(&parser, pieces)
            return nil
        } catch {
            return error as? ControlError
        }
    }

    func testContentLengthBody() throws {
        var parser = HTTPResponseParser()
        let body = try parse(&parser, ["HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/xml\r\n\r\nhello"])
        XCTAssertEqual(body, "hello")
        XCTAssertEqual(parser.status, 200)
        XCTAssertEqual(parser.reason, "OK")
        XCTAssertTrue(parser.isComplete)
    }

    func testBytesAfterTheContentLengthAreNotBody() throws {
        var parser = HTTPResponseParser()
        XCTAssertEqual(try parse(&parser, ["HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nabcdef"]), "ab")
        XCTAssertTrue(parser.isComplete)
    }

    func testResponseSplitAtEveryByte() throws {
        let response = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nxyz"
        var parser = HTTPResponseParser()
        XCTAssertEqual(try parse(&parser, response.map { String($0) }), "xyz")
        XCTAssertTrue(parser.isComplete)
    }

    func testHeadersAreCompleteOnlyAfterTheBlankLine() throws {
        var parser = HTTPResponseParser()
        _ = try parse(&parser, ["HTTP/1.1 200 OK\r\nContent-Length: 3\r\n"])
        XCTAssertFalse(parser.headersComplete)
        _ = try parse(&parser, ["\r"])
        XCTAssertFalse(parser.headersComplete, "half a line end")
        _ = try parse(&parser, ["\n"])
        XCTAssertTrue(parser.headersComplete)
        XCTAssertFalse(parser.isComplete)
    }

    func testZeroContentLengthCompletesWithoutMoreInput() throws {
        var parser = HTTPResponseParser()
        XCTAssertEqual(try parse(&parser, ["HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"]), "")
        XCTAssertTrue(parser.isComplete)
    }

    func testHeaderNamesAreCaseInsensitiveAndValuesStripped() throws {
        var parser = HTTPResponseParser()
        XCTAssertEqual(try parse(&parser, ["HTTP/1.1 200 OK\r\ncontent-LENGTH:   2  \r\n\r\nokmore"]), "ok")
    }

    func testWithoutContentLengthTheBodyLastsUntilClose() throws {
        var parser = HTTPResponseParser()
        XCTAssertEqual(try parse(&parser, ["HTTP/1.0 200 OK\r\n\r\nsome", " more"]), "some more")
        XCTAssertFalse(parser.isComplete)
        try parser.finish()
        XCTAssertTrue(parser.isComplete)
    }

    func testAnInvalidContentLengthIsIgnored() throws {
        var parser = HTTPResponseParser()
        XCTAssertEqual(try parse(&parser, ["HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\nabc"]), "abc")
        try parser.finish()
    }

    func testAHeaderLineWithoutAColonIsIgnored() throws {
        var parser = HTTPResponseParser()
        XCTAssertEqual(try parse(&parser, ["HTTP/1.1 200 OK\r\nnonsense\r\nContent-Length: 1\r\n\r\nz"]), "z")
    }

    func testChunkedBody() throws {
        var parser = HTTPResponseParser()
        let body = try parse(&parser, [
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
            "5\r\nhello\r\n", "7;ext=1\r\n, world\r\n", "0\r\n\r\n",
        ])
        XCTAssertEqual(body, "hello, world")
        XCTAssertTrue(parser.isComplete)
    }

    func testChunkedBodyWithHexSizesSplitAtEveryByte() throws {
        let chunk = String(repeating: "x", count: 26)
        let response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1A\r\n\(chunk)\r\n0\r\nTrailer: yes\r\n\r\n"
        var parser = HTTPResponseParser()
        XCTAssertEqual(try parse(&parser, response.map { String($0) }), chunk)
        XCTAssertTrue(parser.isComplete)
    }

    func testChunkedWinsOverContentLength() throws {
        var parser = HTTPResponseParser()
        let body = try parse(&parser, ["HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: Chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n"])
        XCTAssertEqual(body, "ab")
        XCTAssertTrue(parser.isComplete)
    }

    func testABadChunkSizeFails() {
        let error = failure(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"])
        XCTAssertEqual(error?.pythonClass, "http.client.IncompleteRead")
    }

    func testAnEmptyChunkSizeFails() {
        XCTAssertNotNil(failure(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n"]))
    }

    func testABadStatusLineFails() {
        let error = failure(["SMTP ready\r\n"])
        XCTAssertEqual(error?.pythonClass, "http.client.BadStatusLine")
        XCTAssertEqual(error?.message, "'SMTP ready'")
        XCTAssertEqual(failure(["HTTP/1.1 OK\r\n"])?.pythonClass, "http.client.BadStatusLine")
        XCTAssertEqual(failure(["\r\n"])?.pythonClass, "http.client.BadStatusLine")
    }

    func testAStatusLineWithoutAReason() throws {
        var parser = HTTPResponseParser()
        _ = try parse(&parser, ["HTTP/1.1 401\r\n"])
        XCTAssertEqual(parser.status, 401)
        XCTAssertEqual(parser.reason, "")
    }

    func testAReasonWithSpaces() throws {
        var parser = HTTPResponseParser()
        _ = try parse(&parser, ["HTTP/1.1 500 Internal Server Error\r\n"])
        XCTAssertEqual(parser.reason, "Internal Server Error")
    }

    func testClosingBeforeTheEndFails() throws {
        for pieces in [[], ["HTTP/1.1 200 OK\r\n"], ["HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc"],
                       ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"]] {
            var parser = HTTPResponseParser()
            _ = try parse(&parser, pieces)
            XCTAssertThrowsError(try parser.finish(), "\(pieces)") { error in
                XCTAssertEqual((error as? ControlError)?.pythonClass, "http.client.RemoteDisconnected")
            }
        }
    }
}
