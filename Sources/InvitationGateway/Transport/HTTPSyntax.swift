import Foundation
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

    /// The offset of the first CR or LF in `bytes[start..<end]`, or `end` when there is none.
    ///
    /// Eight bytes are tested at a time (a word with neither byte is passed over whole): a head's lines are tens of
    /// bytes between their line breaks, and a byte-at-a-time scan paid a comparison and a branch for each.
    static func firstLineBreak(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
        // The lowest flagged byte is exactly the first CR or LF.
        let (offset, found) = ByteWords.firstFlagged(in: bytes, from: start, to: end) {
            ByteWords.bytes(of: $0, equalTo: 0x0D) | ByteWords.bytes(of: $0, equalTo: 0x0A)
        }
        if found != 0 { return offset + found.trailingZeroBitCount / 8 }
        var index = offset
        while index < end, bytes[index] != 0x0D, bytes[index] != 0x0A { index += 1 }
        return index
    }

    /// Whether every byte of `bytes` may stand in a field value: HTAB, SP to `~`, or obs-text (0x80 and above);
    /// no other control byte and no DEL (RFC 9110 section 5.5).
    ///
    /// Eight bytes are tested at a time; a word with a byte below SP or a DEL is looked at byte by byte, as a tab
    /// in it is allowed.
    static func isFieldValue(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while true {
            let (offset, suspect) = ByteWords.firstFlagged(in: bytes, from: index, to: bytes.count) {
                ByteWords.bytes(of: $0, below: 0x20) | ByteWords.bytes(of: $0, equalTo: 0x7F)
            }
            index = offset
            guard suspect != 0 else { break }
            for offset in offset..<(offset + 8) where !isFieldValueByte(bytes[offset]) { return false }
            index += 8
        }
        return bytes[index...].allSatisfy(isFieldValueByte)
    }

    /// Whether `byte` may stand in a field value (see ``isFieldValue(_:)``).
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    /// Whether `bytes` hold a NUL, CR or LF: what an answer's field value may not hold.
    ///
    /// Eight bytes are tested at a time.
    static func hasNulOrLineBreak(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let (offset, found) = ByteWords.firstFlagged(in: bytes, from: 0, to: bytes.count) {
            ByteWords.bytes(of: $0, equalTo: 0) | ByteWords.bytes(of: $0, equalTo: 0x0D)
                | ByteWords.bytes(of: $0, equalTo: 0x0A)
        }
        return found != 0 || bytes[offset...].contains { $0 == 0 || $0 == 0x0D || $0 == 0x0A }
    }

    /// The offset of the first `byte` in `bytes[start..<end]`, found with `memchr`; nil when there is none.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = bytes.baseAddress, let found = memchr(base + start, Int32(byte), end - start)
        else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// The offset of the first line feed at or after `start`; nil when there is none.
    static func lineFeed(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        firstIndex(of: 0x0A, in: bytes, from: start, to: bytes.count)
    }

    /// Whether `text` holds no space, control byte or DEL: what may stand in a request line's target and in a `Host`
    /// value without breaking the line.
    static func hasNoSpaceOrControl(_ text: String) -> Bool {
        let checked = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte <= 0x20 || byte == 0x7F { return false }
            return true
        }
        return checked ?? text.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F }
    }

    /// Whether `byte` is a tchar (RFC 9110 section 5.6.2).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Whether `bytes` is an RFC 9110 token (a field name): one or more tchars.
    ///
    /// The rule `HTTPField.Name` applies, so a name that passes here is one it accepts.
    static func isToken(_ bytes: UnsafeRawBufferPointer) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isTokenByte)
    }
}
