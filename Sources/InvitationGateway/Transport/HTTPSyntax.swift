import InvitationCore

/// Byte-level pieces of HTTP/1.1 syntax shared by the request and the answer parsers.
enum HTTPSyntax {
    /// The value of a hexadecimal digit (either case); nil for any other byte.
    static func hexValue(_ byte: UInt8) -> Int? { PercentEncoding.hexValue(byte).map(Int.init) }

    /// Whether `bytes` begins with the ASCII `prefix`, byte for byte.
    static func hasPrefix(_ bytes: Slice<UnsafeRawBufferPointer>, _ prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { $0 == $1 }
        }
    }

    /// Whether `bytes` is an RFC 9110 token (a field name): one or more of `!#$%&'*+-.^_`|~`, digits and letters.
    ///
    /// The rule `HTTPField.Name` applies, so a name that passes here is one it accepts.
    static func isToken(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes {
            switch byte {
            case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            default: return false
            }
        }
        return true
    }
}
