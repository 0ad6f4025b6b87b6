import SupervisorCommon
import XCTest
@testable import XMLRPC

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
private func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

final class EncodingTests: XCTestCase {
    /// Expected bytes were produced by Python 3.11's `xmlrpc.client.dumps`.
    func testResponseLayoutMatchesPython() {
        let value: XMLRPCValue = .struct([
            ("a", .array([
                .int(1), .bool(true), .string("x<&>\"y"), .double(1.5),
                .base64(Array(String(repeating: "hello world", count: 10).utf8)), .nil, .struct([]),
            ])),
            ("n", .array([])),
        ])
        let expected = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct>\n<member>\n<name>a</name>\n<value><array><data>\n<value><int>1</int></value>\n<value><boolean>1</boolean></value>\n<value><string>x&lt;&amp;&gt;\"y</string></value>\n<value><double>1.5</double></value>\n<value><base64>\naGVsbG8gd29ybGRoZWxsbyB3b3JsZGhlbGxvIHdvcmxkaGVsbG8gd29ybGRoZWxsbyB3b3JsZGhl\nbGxvIHdvcmxkaGVsbG8gd29ybGRoZWxsbyB3b3JsZGhlbGxvIHdvcmxkaGVsbG8gd29ybGQ=\n</base64></value>\n<value><nil/></value><value><struct>\n</struct></value>\n</data></array></value>\n</member>\n<member>\n<name>n</name>\n<value><array><data>\n</data></array></value>\n</member>\n</struct></value>\n</param>\n</params>\n</methodResponse>\n"
        XCTAssertEqual(text(XMLRPCResponse.success(value).encode()), expected)
    }

    /// Captured from the reference supervisord for an unknown process name.
    func testFaultLayoutMatchesReference() {
        let expected = "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>10</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>BAD_NAME: nope</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n"
        XCTAssertEqual(text(XMLRPCResponse.fault(code: 10, string: "BAD_NAME: nope").encode()), expected)
    }

    func testRequestLayoutMatchesPython() {
        XCTAssertEqual(
            text(XMLRPCRequest(methodName: "supervisor.startProcess", params: [.string("s"), .int(3)]).encode()),
            "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.startProcess</methodName>\n<params>\n<param>\n<value><string>s</string></value>\n</param>\n<param>\n<value><int>3</int></value>\n</param>\n</params>\n</methodCall>\n")
        XCTAssertEqual(
            text(XMLRPCRequest(methodName: "supervisor.getState").encode()),
            "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.getState</methodName>\n<params>\n</params>\n</methodCall>\n")
    }

    func testDoublesUsePythonRepr() {
        let cases: [(Double, String)] = [
            (1e16, "1e+16"), (1e15, "1000000000000000.0"), (9.1e15, "9100000000000000.0"), (0.0001, "0.0001"),
            (0.00001, "1e-05"), (1.5e-7, "1.5e-07"), (123.456, "123.456"), (-2.5, "-2.5"), (1e300, "1e+300"),
            (.leastNonzeroMagnitude, "5e-324"), (0.1, "0.1"), (100.0, "100.0"), (1234567890123456.7, "1234567890123456.8"),
            (0, "0.0"), (-0.0, "-0.0"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
        ]
        for (d, s) in cases { XCTAssertEqual(pythonRepr(d), s, "\(d)") }
    }

    /// The escaping scan reads eight bytes at a time: put each special character at every
    /// offset of strings longer than a word, next to multi-byte UTF-8, and compare with a
    /// byte-by-byte replacement.
    func testEscapingAtEveryOffset() {
        func expected(_ s: String) -> String {
            s.replacingOccurrences("&", "&amp;").replacingOccurrences("<", "&lt;").replacingOccurrences(">", "&gt;")
        }
        for special in ["&", "<", ">", "é<", "=>"] {
            for length in [0, 1, 7, 8, 9, 15, 16, 17, 31] {
                for offset in 0...length {
                    let plain = String(repeating: "ab\u{e9}=", count: 8).prefix(length)
                    let text = String(plain.prefix(offset)) + special + String(plain.dropFirst(offset))
                    var out: [UInt8] = []
                    out.writeEscaped(text)
                    XCTAssertEqual(String(decoding: out, as: UTF8.self), expected(text), text)
                }
            }
        }
        for byte in UInt8(0)...UInt8(255) where ![UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">")].contains(byte) {
            XCTAssertFalse(XMLEscaping.hasSpecial(UInt64(byte) * 0x0101_0101_0101_0101), "\(byte)")
        }
    }

    func testEmptyBase64() {
        XCTAssertEqual(text(XMLRPCResponse.success(.base64([])).encode()).contains("<value><base64>\n</base64></value>"), true)
    }
}

final class RoundTripTests: XCTestCase {
    private func roundTrip(_ v: XMLRPCValue, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try XMLRPCResponse.parse(XMLRPCResponse.success(v).encode()), .success(v), file: file, line: line)
        let request = XMLRPCRequest(methodName: "ns.method", params: [v, v])
        XCTAssertEqual(try XMLRPCRequest.parse(request.encode()), request, file: file, line: line)
    }

    func testEveryType() {
        roundTrip(.int(0))
        roundTrip(.int(-2_147_483_648))
        roundTrip(.int(Int.max))
        roundTrip(.int(Int.min))
        roundTrip(.bool(true))
        roundTrip(.bool(false))
        roundTrip(.string(""))
        roundTrip(.string("plain"))
        roundTrip(.double(3.25))
        roundTrip(.double(-1e-300))
        roundTrip(.dateTime("20261121T10:00:00"))
        roundTrip(.base64([]))
        roundTrip(.base64([0]))
        roundTrip(.base64([0, 1]))
        roundTrip(.base64(Array(0...255)))
        roundTrip(.nil)
        roundTrip(.array([]))
        roundTrip(.array([.int(1), .nil, .array([.string("deep")])]))
        roundTrip(.struct([]))
        roundTrip(.struct([("b", .int(1)), ("a", .struct([("x&y", .nil)]))]))
    }

    func testEscapingAndUnicode() {
        roundTrip(.string("a<b>&c \"quoted\" 'single' ]]> é 日本 🎉 \t tab"))
        roundTrip(.string("  leading and trailing  \n"))
        roundTrip(.string("\u{1B}[31mred\u{1B}[0m"))  // control bytes pass through leniently
    }

    func testDoubleRoundTripKeepsEveryBit() {
        for d in [0.1, 1.0 / 3.0, .leastNonzeroMagnitude, 1.7976931348623157e308, 9.1e15] { roundTrip(.double(d)) }
    }

    func testFaultRoundTrip() {
        let fault = XMLRPCResponse.fault(code: 2, string: "INCORRECT_PARAMETERS: <&>")
        XCTAssertEqual(try XMLRPCResponse.parse(fault.encode()), fault)
    }
}

final class ParsingTests: XCTestCase {
    private func call(_ params: String) -> String {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><methodCall><methodName>m.x</methodName><params>\(params)</params></methodCall>"
    }

    private func parseValue(_ v: String) throws -> XMLRPCValue {
        try XMLRPCRequest.parse(bytes(call("<param>\(v)</param>"))).params[0]
    }

    func testLenientForms() throws {
        XCTAssertEqual(try parseValue("<value>bare text</value>"), .string("bare text"))
        XCTAssertEqual(try parseValue("<value></value>"), .string(""))
        XCTAssertEqual(try parseValue("<value/>"), .string(""))
        XCTAssertEqual(try parseValue("<value>\n  <i4> 42 </i4>\n</value>"), .int(42))
        XCTAssertEqual(try parseValue("<value><i8>-9000000000</i8></value>"), .int(-9_000_000_000))
        XCTAssertEqual(try parseValue("<value><int>+7</int></value>"), .int(7))
        XCTAssertEqual(try parseValue("<value><string/></value>"), .string(""))
        XCTAssertEqual(try parseValue("<value><nil/></value>"), .nil)
        XCTAssertEqual(try parseValue("<value><double>1e3</double></value>"), .double(1000))
        XCTAssertEqual(try parseValue("<value><string><![CDATA[<raw & text>]]></string></value>"), .string("<raw & text>"))
        XCTAssertEqual(try parseValue("<value><string>&#65;&#x42;&#x1F389;&quot;&apos;</string></value>"), .string("AB🎉\"'"))
        XCTAssertEqual(try parseValue("<value><string>a\r\nb\rc&#13;</string></value>"), .string("a\nb\nc\r"))
        XCTAssertEqual(try parseValue("<!-- note --><value><base64>aGk=\n</base64></value>"), .base64(Array("hi".utf8)))
    }

    func testMissingParamsMeansNone() throws {
        let r = try XMLRPCRequest.parse(bytes("<methodCall><methodName>supervisor.getState</methodName></methodCall>"))
        XCTAssertEqual(r, XMLRPCRequest(methodName: "supervisor.getState"))
    }

    func testReferenceResponseParses() throws {
        let body = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><array><data>\n<value><struct>\n<member>\n<name>name</name>\n<value><string>echoer</string></value>\n</member>\n<member>\n<name>pid</name>\n<value><int>3507</int></value>\n</member>\n</struct></value>\n</data></array></value>\n</param>\n</params>\n</methodResponse>\n"
        let r = try XMLRPCResponse.parse(bytes(body))
        guard case let .success(v) = r, let first = v.arrayValue?.first else { return XCTFail("\(r)") }
        XCTAssertEqual(first["name"]?.stringValue, "echoer")
        XCTAssertEqual(first["pid"]?.intValue, 3507)
    }

    private func assertRejects(_ body: [UInt8], _ message: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try XMLRPCRequest.parse(body), file: file, line: line) { error in
            guard let message else { return }
            XCTAssertEqual((error as? XMLRPCError)?.message, message, file: file, line: line)
        }
        XCTAssertThrowsError(try XMLRPCResponse.parse(body), file: file, line: line)
    }

    func testMalformedInputsAreErrors() {
        let good = bytes(call("<param><value><struct><member><name>k</name><value><int>1</int></value></member></struct></value></param>"))
        // Every truncation of a valid body must fail cleanly.
        for n in 0..<good.count { assertRejects(Array(good[..<n])) }
        assertRejects([], "unexpected end of document")
        assertRejects(bytes("not xml at all"), "text outside the document element")
        assertRejects([0xFF, 0xFE, 0x00, 0x3C, 0x00])
        assertRejects(bytes("<methodCall><methodName>a\u{FF}</methodName>") + [0xC3, 0x28] + bytes("</methodCall>"))
        assertRejects(bytes("<methodCall><methodName>x</methodName></methodCall><junk/>"), "junk after document element")
        assertRejects(bytes("<methodCall><methodName>x</methodName></oops>"), "mismatched tag")
        assertRejects(bytes("<methodCall><methodName></methodName></methodCall>"), "no method name")
        assertRejects(bytes(call("<param><value><int>99999999999999999999999</int></value></param>")), "bad integer value")
        assertRejects(bytes(call("<param><value><int>12abc</int></value></param>")), "bad integer value")
        assertRejects(bytes(call("<param><value><boolean>true</boolean></value></param>")), "bad boolean value")
        assertRejects(bytes(call("<param><value><double>0x1p3</double></value></param>")), "bad double value")
        assertRejects(bytes(call("<param><value><base64>!!!!</base64></value></param>")), "bad base64 value")
        assertRejects(bytes(call("<param><value><blob>1</blob></value></param>")), "unknown value type <blob>")
        assertRejects(bytes(call("<param><value><string>&bogus;</string></value></param>")), "undefined entity")
        assertRejects(bytes(call("<param><value><string>&#0;</string></value></param>")), "invalid character reference")
        assertRejects(bytes(call("<param><value><string>&#xD800;</string></value></param>")), "invalid character reference")
        assertRejects(bytes(call("<param><value><string>&#99999999999999999999;</string></value></param>")))
        assertRejects(bytes(call("<param><value><string>& loose</string></value></param>")))
        assertRejects(bytes(call("<param><value><int>1</int><int>2</int></value></param>")), "malformed <value>")
    }

    func testDoctypeAndEntityBombAreRefused() {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <methodCall><methodName>&lol2;</methodName></methodCall>
            """
        assertRejects(bytes(bomb), "DOCTYPE and markup declarations are not allowed")
        let external = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><methodCall><methodName>&e;</methodName></methodCall>"
        assertRejects(bytes(external), "DOCTYPE and markup declarations are not allowed")
    }

    func testDeepNestingIsRefused() {
        let depth = 10_000
        let deep = String(repeating: "<value><array><data>", count: depth) + String(repeating: "</data></array></value>", count: depth)
        assertRejects(bytes(call("<param>\(deep)</param>")), "nesting too deep")
        // Nesting within the limit still works.
        let ok = String(repeating: "<value><array><data>", count: 15) + String(repeating: "</data></array></value>", count: 15)
        XCTAssertNoThrow(try XMLRPCRequest.parse(bytes(call("<param>\(ok)</param>"))))
    }

    func testRandomGarbageNeverCrashes() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("<>/&;#x!?[]=\"' abcvalueintstring0123456789\u{0}".utf8) + [0xC3, 0xFF]
        for _ in 0..<3000 {
            let n = Int.random(in: 0..<80, using: &rng)
            let body = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            _ = try? XMLRPCRequest.parse(body)
            _ = try? XMLRPCResponse.parse(body)
        }
    }

    func testResponseShapeErrors() {
        XCTAssertThrowsError(try XMLRPCResponse.parse(bytes("<methodResponse><params></params></methodResponse>")))
        XCTAssertThrowsError(try XMLRPCResponse.parse(bytes("<methodResponse><fault><value><struct></struct></value></fault></methodResponse>")))
        XCTAssertThrowsError(try XMLRPCResponse.parse(bytes("<methodCall><methodName>x</methodName></methodCall>")))
    }
}

private extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
