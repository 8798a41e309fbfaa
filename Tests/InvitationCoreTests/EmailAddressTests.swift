import Testing

@testable import InvitationCore

@Suite struct EmailAddressTests {
    @Test(arguments: [
        "a@example.com", "first.last+tag@sub.example.co", "x_y-z@a-b.example", "user@例え.jp", "u@xn--bcher-kva.example",
        String(repeating: "l", count: 64) + "@example.com",
        "o'brien@example.com", "!#$%&*=?^`{|}~@example.com",
    ])
    func accepts(_ address: String) {
        #expect(EmailAddress.isValid(address))
    }

    @Test(arguments: [
        "", "@", "example.com", "@example.com", "a@", "a@b", "a@b.", "a@.b.c", "a@b..c", "a@-b.com", "a@b-.com",
        ".a@example.com", "a.@example.com", "a@@example.com", "a b@example.com", "a@exam ple.com",
        "a@example_com.org", "a@example.com.", String(repeating: "l", count: 65) + "@example.com",
        "a@" + String(repeating: "d", count: 64) + ".com", "a@" + String(repeating: "d.", count: 126) + "com",
    ])
    func refuses(_ address: String) {
        #expect(!EmailAddress.isValid(address))
    }

    /// Every byte, alone in the local part and in a domain label: the classes the check looks each byte up in.
    @Test(arguments: 0...255)
    func byteIsAllowedWhereTheRulesAllow(_ value: Int) {
        let byte = UInt8(value)
        let forbidden = byte <= 0x20 || byte == 0x7F || Array("<>,;\\\"".utf8).contains(byte)
        let alphanumeric =
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        let inLocal = !forbidden && byte != UInt8(ascii: "@")
        // A dot between two letters splits the label in two, which is fine.
        let inDomain =
            !forbidden && (byte >= 0x80 || alphanumeric || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "."))
        #expect(Self.isValid(Array("a".utf8) + [byte] + Array("b@example.com".utf8)) == inLocal, "local \(byte)")
        #expect(Self.isValid(Array("a@ex".utf8) + [byte] + Array("ample.com".utf8)) == inDomain, "domain \(byte)")
    }

    /// `bytes` checked as a string: a lone non-ASCII byte is not UTF-8 and becomes U+FFFD, whose bytes are all
    /// non-ASCII too, so it stands for every non-ASCII byte.
    private static func isValid(_ bytes: [UInt8]) -> Bool {
        EmailAddress.isValid(String(decoding: bytes, as: UTF8.self))
    }
}
