import XCTest

@testable import SupervisorAPI

final class SHA1Tests: XCTestCase {
    private func digest(_ text: String) -> String { SHA1.hexDigest(Array(text.utf8)) }

    // RFC 3174, section 7.3.
    func testRFC3174Vector1() {
        XCTAssertEqual(digest("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d")
    }

    func testRFC3174Vector2() {
        XCTAssertEqual(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    func testRFC3174Vector3() {
        XCTAssertEqual(SHA1.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    func testRFC3174Vector4() {
        let block = "0123456701234567012345670123456701234567012345670123456701234567"
        XCTAssertEqual(digest(String(repeating: block, count: 10)), "dea356a2cddd90c7a7ecedc5ebb563934f460452")
    }

    func testEmptyMessage() {
        XCTAssertEqual(digest(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    /// Lengths around the padding boundaries (the length field needs a second block from 56 bytes on).
    func testLengthsAroundBlockBoundaries() {
        let expected = [
            55: "c1c8bbdc22796e28c0e15163d20899b65621d65a",
            56: "c2db330f6083854c99d4b5bfb6e8f29f201be699",
            63: "03f09f5b158a7a8cdad920bddc29b81c18a551f5",
            64: "0098ba824b5c16427bd7a1122a5a442a25ec644d",
            65: "11655326c708d70319be2610e8a57d9a5b959d3b",
            119: "ee971065aaa017e0632a8ca6c77bb3bf8b1dfc56",
            120: "f34c1488385346a55709ba056ddd08280dd4c6d6",
        ]
        for (length, hex) in expected {
            XCTAssertEqual(SHA1.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: length)), hex, "length \(length)")
        }
    }

    func testEveryByteValueAndUTF8Text() {
        XCTAssertEqual(SHA1.hexDigest((0...255).map { UInt8($0) }), "4916d6bdb7f78e6803698cab32d1586ea457dfc8")
        XCTAssertEqual(digest("pässwörd"), "f517ddf1d32a112ff1ad55c66d1b12cb38e7e8f7")
    }
}
