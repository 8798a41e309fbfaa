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
}
