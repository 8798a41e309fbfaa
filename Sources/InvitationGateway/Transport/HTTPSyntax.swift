/// Byte-level pieces of HTTP/1.1 syntax shared by the request and the answer parsers.
enum HTTPSyntax {
    /// The value of a hexadecimal digit (either case); nil for any other byte.
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Whether `bytes` begins with the ASCII `prefix`, byte for byte.
    static func hasPrefix(_ bytes: Slice<UnsafeRawBufferPointer>, _ prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { $0 == $1 }
        }
    }
}
