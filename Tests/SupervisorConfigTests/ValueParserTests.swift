import XCTest
@testable import SupervisorConfig

final class ValueParserTests: XCTestCase {
    func testIntegers() throws {
        XCTAssertEqual(try ValueParsers.integer(" 12 "), 12)
        XCTAssertEqual(try ValueParsers.integer("-3"), -3)
        XCTAssertEqual(try ValueParsers.integer("+3"), 3)
        XCTAssertEqual(try ValueParsers.integer("1_000"), 1000)
        XCTAssertEqual(message { try ValueParsers.integer("1.5") }, "invalid literal for int() with base 10: '1.5'")
        XCTAssertEqual(message { try ValueParsers.integer("") }, "invalid literal for int() with base 10: ''")
        XCTAssertNotNil(message { try ValueParsers.integer("1__0") })
        XCTAssertNotNil(message { try ValueParsers.integer("_1") })
        XCTAssertNotNil(message { try ValueParsers.integer("--1") })
    }

    func testBooleans() throws {
        for text in ["true", "YES", "On", "1"] { XCTAssertTrue(try ValueParsers.boolean(text), text) }
        for text in ["false", "No", "OFF", "0"] { XCTAssertFalse(try ValueParsers.boolean(text), text) }
        XCTAssertEqual(message { try ValueParsers.boolean("maybe") }, "not a valid boolean value: 'maybe'")
    }

    func testByteSizes() throws {
        XCTAssertEqual(try ValueParsers.byteSize("1024"), 1024)
        XCTAssertEqual(try ValueParsers.byteSize("5kb"), 5 * 1024)
        XCTAssertEqual(try ValueParsers.byteSize("50MB"), 50 * 1024 * 1024)
        XCTAssertEqual(try ValueParsers.byteSize("2Gb"), 2 * 1024 * 1024 * 1024)
        XCTAssertEqual(try ValueParsers.byteSize("1 MB"), 1024 * 1024)
        XCTAssertEqual(message { try ValueParsers.byteSize("5XB") }, "invalid literal for int() with base 10: '5xb'")
        XCTAssertEqual(message { try ValueParsers.byteSize("1.5MB") }, "invalid literal for int() with base 10: '1.5'")
    }

    func testOctal() throws {
        XCTAssertEqual(try ValueParsers.octal("022"), 0o22)
        XCTAssertEqual(try ValueParsers.octal("22"), 0o22)
        XCTAssertEqual(try ValueParsers.octal("0o777"), 0o777)
        XCTAssertEqual(message { try ValueParsers.octal("8") }, "8 can not be converted to an octal type")
        XCTAssertNotNil(message { try ValueParsers.octal("-1") })
    }

    func testSignals() throws {
        XCTAssertEqual(try Signals.number("TERM"), 15)
        XCTAssertEqual(try Signals.number("sigkill"), 9)
        XCTAssertEqual(try Signals.number(" hup "), 1)
        XCTAssertEqual(try Signals.number("15"), 15)
        XCTAssertEqual(try Signals.number("SIGRTMAX"), 64)
        XCTAssertEqual(message { try Signals.number("FOO") }, "value 'FOO' is not a valid signal name")
        XCTAssertEqual(message { try Signals.number("99") }, "value '99' is not a valid signal number")
    }

    func testExitCodes() throws {
        XCTAssertEqual(try ValueParsers.exitCodes("0"), [0])
        XCTAssertEqual(try ValueParsers.exitCodes("0, 2,255"), [0, 2, 255])
        XCTAssertEqual(try ValueParsers.exitCodes(""), [])
        XCTAssertEqual(message { try ValueParsers.exitCodes("1,256") }, "not a valid list of exit codes: '1,256'")
        XCTAssertNotNil(message { try ValueParsers.exitCodes("1,") })
    }

    func testLogLevelsAndAutorestart() throws {
        XCTAssertEqual(try ValueParsers.logLevel("BLATHER"), .blather)
        XCTAssertEqual(try ValueParsers.logLevel("warn"), .warn)
        XCTAssertEqual(message { try ValueParsers.logLevel("warning") }, "bad logging level name 'warning'")
        XCTAssertEqual(try ValueParsers.autoRestart("TRUE"), .always)
        XCTAssertEqual(try ValueParsers.autoRestart("off"), .never)
        XCTAssertEqual(try ValueParsers.autoRestart("Unexpected"), .unexpected)
        XCTAssertEqual(message { try ValueParsers.autoRestart("Sometimes") }, "invalid 'autorestart' value 'sometimes'")
    }

    func testInetAddresses() throws {
        func address(_ text: String) throws -> String {
            let (host, port) = try ValueParsers.inetAddress(text)
            return "\(host)|\(port)"
        }
        XCTAssertEqual(try address("127.0.0.1:9001"), "127.0.0.1|9001")
        XCTAssertEqual(try address("LocalHost:80"), "localhost|80")
        XCTAssertEqual(try address("*:9001"), "|9001")
        XCTAssertEqual(try address(":9001"), "|9001")
        XCTAssertEqual(try address("9001"), "|9001")
        XCTAssertEqual(try address("[::1]:9001"), "[::1]|9001")
        XCTAssertEqual(message { try ValueParsers.inetAddress("abc") }, "not a valid port number: 'abc' ")
        XCTAssertEqual(message { try ValueParsers.inetAddress("h:") }, "no port number specified in ''")
        XCTAssertEqual(message { try ValueParsers.inetAddress("h:0") }, "0 is below lower bound (1)")
        XCTAssertEqual(message { try ValueParsers.inetAddress("h:65536") }, "65536 is above upper bound (65535)")
    }

    func testNames() throws {
        XCTAssertEqual(try ValueParsers.processOrGroupName(" web "), "web")
        XCTAssertEqual(message { try ValueParsers.processOrGroupName("a:b") },
                       "Invalid name: 'a:b' because of character: ':'")
        XCTAssertEqual(message { try ValueParsers.processOrGroupName("a b") },
                       "Invalid name: 'a b' because of character: ' '")
        XCTAssertNotNil(message { try ValueParsers.processOrGroupName("a/b") })
    }

    func testUsersAndOwners() throws {
        XCTAssertEqual(try ValueParsers.user("root"), UserSpec(name: "root", uid: 0, gid: 0))
        XCTAssertEqual(try ValueParsers.user("0").uid, 0)
        XCTAssertEqual(message { try ValueParsers.user("nosuchuserxx") }, "Invalid user name nosuchuserxx")
        XCTAssertEqual(message { try ValueParsers.user("987654") }, "Invalid user id 987654")
        XCTAssertEqual(try ValueParsers.owner("root"), OwnerSpec(uid: 0, gid: UInt32.max))
        XCTAssertEqual(try ValueParsers.owner("root:root"), OwnerSpec(uid: 0, gid: 0))
        XCTAssertEqual(try ValueParsers.owner("0:0"), OwnerSpec(uid: 0, gid: 0))
        XCTAssertNotNil(message { try ValueParsers.owner("root:nosuchgroupxx") })
    }

    func testPaths() throws {
        let environment = ["HOME": "/home/someone"]
        XCTAssertEqual(try ValueParsers.existingDirectory("/tmp", environment: environment), "/tmp")
        XCTAssertEqual(message { try ValueParsers.existingDirectory("/nonexistent", environment: environment) },
                       "/nonexistent is not an existing directory")
        XCTAssertEqual(try ValueParsers.existingDirectoryPath("x.log", environment: environment), "x.log")
        XCTAssertEqual(try ValueParsers.existingDirectoryPath("/tmp/x.log", environment: environment), "/tmp/x.log")
        XCTAssertEqual(message { try ValueParsers.existingDirectoryPath("/nonexistent/x", environment: environment) },
                       "The directory named as part of the path /nonexistent/x does not exist")
        XCTAssertEqual(Paths.expandUser("~/a", environment: environment), "/home/someone/a")
        XCTAssertEqual(Paths.expandUser("~root/a", environment: environment), "/root/a")
        XCTAssertEqual(Paths.normalize("/a/./b/../c//d/"), "/a/c/d")
        XCTAssertEqual(Paths.normalize("a/../../b"), "../b")
        XCTAssertEqual(Paths.dirname("/usr/bin/supervisord"), "/usr/bin")
        XCTAssertEqual(Paths.dirname("supervisord"), "")
        XCTAssertEqual(Paths.dirname("/supervisord"), "/")
    }

    func testEnvironmentStrings() throws {
        func parse(_ text: String) throws -> String {
            try EnvironmentParser.parse(text).map { "\($0.name)=\($0.value)" }.joined(separator: ";")
        }
        XCTAssertEqual(try parse("A=1"), "A=1")
        XCTAssertEqual(try parse("A=\"a b\",B='c,d'"), "A=a b;B=c,d")
        XCTAssertEqual(try parse("A=x#y\n,B=2"), "A=x;B=2")
        XCTAssertEqual(try parse("A=\"1\"2"), "A=1")
        XCTAssertEqual(try parse("A=a\"b\""), "A=a\"b")
        XCTAssertEqual(try parse("\"K\"=v"), "\"K\"=v")
        XCTAssertEqual(try parse("A=1;B=2"), "A=1;B=2")
        XCTAssertEqual(try parse("A=\"\""), "A=")
        XCTAssertEqual(try parse("A=café"), "A=caf")
        XCTAssertEqual(try parse("A=1 , B=2"), "A=1;B=2")
        XCTAssertEqual(try parse("A=1,A=2"), "A=2")
        XCTAssertEqual(try parse(""), "")
        XCTAssertEqual(message { try EnvironmentParser.parse("A=x#y\nB=2") },
                       "Unexpected end of key/value pairs in value 'A=x#y\nB=2'")
        XCTAssertEqual(message { try EnvironmentParser.parse("A=1,,B=2") },
                       "Unexpected end of key/value pairs in value 'A=1,,B=2'")
        XCTAssertEqual(message { try EnvironmentParser.parse("A=") }, "Unexpected end of key/value pairs in value 'A='")
        XCTAssertEqual(message { try EnvironmentParser.parse("A=\"open") }, "No closing quotation")
    }

    func testPythonRepr() {
        XCTAssertEqual(pythonRepr("a'b"), "\"a'b\"")
        XCTAssertEqual(pythonRepr("a\"b"), "'a\"b'")
        XCTAssertEqual(pythonRepr("a'\"b"), "'a\\'\"b'")
        XCTAssertEqual(pythonRepr("\u{1}\u{7f}\u{80}\u{a0}é\u{2028}"), "'\\x01\\x7f\\x80\\xa0é\\u2028'")
        XCTAssertEqual(pythonRepr("tab\there\\"), "'tab\\there\\\\'")
    }
}
