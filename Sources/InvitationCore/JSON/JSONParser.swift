/// Why a byte sequence is not a JSON document.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The byte offset where reading stopped.
    public let offset: Int
    /// What was wrong there.
    public let reason: String

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// Reads JSON straight from UTF-8 bytes (RFC 8259), with a nesting limit.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 64

    /// Parses one complete JSON document.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> =
            bytes.withContiguousStorageIfAvailable { buffer in
                var reader = Reader(buffer)
                return Result { () throws(JSONParseError) in try reader.document() }
            }
            ?? {
                let copy = Array(bytes)
                return copy.withUnsafeBufferPointer { buffer in
                    var reader = Reader(buffer)
                    return Result { () throws(JSONParseError) in try reader.document() }
                }
            }()
        return try result.get()
    }

    /// Parses one complete JSON document from an array (the common case, without generic dispatch).
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(buffer)
            return Result { () throws(JSONParseError) in try reader.document() }
        }
        return try result.get()
    }

    /// Whether `bytes` hold nothing but JSON whitespace (a blank body: no document at all).
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    /// Parses a JSON document held in a string.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// A cursor over a document's bytes; ``CompiledReader`` also walks a body's top-level object with it.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var depth = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func document() throws(JSONParseError) -> JSONValue {
            skipWhitespace()
            if index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                throw fail("byte order mark is not allowed")
            }
            let value = try self.value()
            skipWhitespace()
            guard index == bytes.count else { throw fail("unexpected data after the document") }
            return value
        }

        func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func value() throws(JSONParseError) -> JSONValue {
            guard index < bytes.count else { throw fail("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw fail("unexpected character")
            }
        }

        /// Moves past one value, checked as ``value()`` checks it, without making a plain string.
        ///
        /// Anything else is read and dropped: an object's member names must be told apart, and a number's range
        /// checked; such values are rare where one is skipped.
        mutating func skipValue() throws(JSONParseError) {
            guard index < bytes.count else { throw fail("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "\""): try skipString()
            default: _ = try value()
            }
        }

        /// Moves past a string without making it; one with an escape or a non-ASCII byte is read by ``string()``,
        /// which checks both.
        private mutating func skipString() throws(JSONParseError) {
            let start = index
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return
                }
                if byte == UInt8(ascii: "\\") || byte >= 0x80 { break }
                if byte < 0x20 { throw fail("control character in string") }
                index += 1
            }
            index = start
            _ = try string()
        }

        /// The array starting at the current `[` when each of its elements is a string, as those texts; nil when
        /// one is not, with the cursor where it was.
        mutating func texts() throws(JSONParseError) -> [String]? {
            var texts: [String] = []
            let isTexts = try elements { reader throws(JSONParseError) in
                guard reader.bytes[reader.index] == UInt8(ascii: "\"") else { return false }
                texts.append(try reader.string())
                return true
            }
            return isTexts ? texts : nil
        }

        /// The string starting at the current `"` (a member name or a value), as its bytes, when it has no escape and
        /// only ASCII (its bytes are then its text); nil otherwise, with the cursor where it was.
        mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
            let start = index + 1
            let end = plainEnd(from: start)
            guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
            index = end + 1
            return UnsafeBufferPointer(rebasing: bytes[start..<end])
        }

        /// The index of the first byte from `start` on that ends a string's plain run (`bytes.count` when none does).
        ///
        /// A quote, a backslash, a control character or a byte of 0x80 and above ends it. Eight bytes at a time: the
        /// lowest byte a word flags is always one of them.
        func plainEnd(from start: Int) -> Int {
            var end = start
            if let base = bytes.baseAddress {
                while end + 8 <= bytes.count {
                    let flags = Self.plainRunEnds(
                        in: UInt64(littleEndian: UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)))
                    if flags != 0 { return end + flags.trailingZeroBitCount / 8 }
                    end += 8
                }
            }
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
                end += 1
            }
            return end
        }

        /// Flags (high bit set) the bytes of `word` that end a plain run: its lowest flagged byte is always one; above
        /// it a flag may be false (a borrow carries), which ``plainEnd(from:)`` never looks at.
        @inline(__always)
        private static func plainRunEnds(in word: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
            let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
            // x - 0x01 per byte borrows through the bytes that are zero; `& ~x` keeps those of them below 0x80.
            let zeros = (quote &- ones) & ~quote | (backslash &- ones) & ~backslash
            let controls = (word &- ones &* 0x20) & ~word
            return (zeros | controls | word) & highs
        }

        mutating func literal(_ word: StaticString) throws(JSONParseError) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw fail("unexpected end of input") }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
                throw fail("unexpected character")
            }
            index += count
        }

        mutating func enter() throws(JSONParseError) {
            depth += 1
            if depth > JSONParser.maximumDepth { throw fail("nesting deeper than \(JSONParser.maximumDepth)") }
        }

        mutating func object() throws(JSONParseError) -> JSONValue {
            var members: [JSONObject.Member] = []
            members.reserveCapacity(8)
            _ = try self.members { reader throws(JSONParseError) in
                let key = try reader.string()
                try reader.nameSeparator()
                let value = try reader.value()
                let length = key.utf8.count
                if members.contains(where: { $0.key.utf8.count == length && $0.key == key }) {
                    throw reader.fail("duplicate member \"\(key)\"")
                }
                members.append(JSONObject.Member(key: key, value: value))
                return true
            }
            return .object(JSONObject(members))
        }

        /// Walks the object starting at the current `{`, each member read by `member` from its name's opening
        /// quote: the name, ``nameSeparator()``, the value.
        ///
        /// When `member` declines one (false), the walk stops with the cursor back at the `{` and gives false.
        mutating func members(
            _ member: (inout Reader) throws(JSONParseError) -> Bool
        ) throws(JSONParseError) -> Bool {
            let start = index
            if try openIsEmpty(closedBy: UInt8(ascii: "}")) { return true }
            repeat {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw fail("expected a member name")
                }
                guard try member(&self) else {
                    abandon(openedAt: start)
                    return false
                }
            } while try continues(closedBy: UInt8(ascii: "}"), orFails: "expected ',' or '}'")
            return true
        }

        /// Moves past the `:` after a member name, with the whitespace around it.
        mutating func nameSeparator() throws(JSONParseError) {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipWhitespace()
        }

        mutating func array() throws(JSONParseError) -> JSONValue {
            var elements: [JSONValue] = []
            _ = try self.elements { reader throws(JSONParseError) in
                elements.append(try reader.value())
                return true
            }
            return .array(elements)
        }

        /// Walks the array starting at the current `[`, each element read by `element` from its first byte.
        ///
        /// When `element` declines one (false), the walk stops with the cursor back at the `[` and gives false.
        mutating func elements(
            _ element: (inout Reader) throws(JSONParseError) -> Bool
        ) throws(JSONParseError) -> Bool {
            let start = index
            if try openIsEmpty(closedBy: UInt8(ascii: "]")) { return true }
            repeat {
                skipWhitespace()
                guard index < bytes.count else { throw fail("unexpected end of input") }
                guard try element(&self) else {
                    abandon(openedAt: start)
                    return false
                }
            } while try continues(closedBy: UInt8(ascii: "]"), orFails: "expected ',' or ']'")
            return true
        }

        /// Enters the object or array whose opening bracket is at the cursor; true, with the container left again,
        /// when `close` follows at once.
        private mutating func openIsEmpty(closedBy close: UInt8) throws(JSONParseError) -> Bool {
            try enter()
            index += 1
            skipWhitespace()
            guard index < bytes.count, bytes[index] == close else { return false }
            index += 1
            depth -= 1
            return true
        }

        /// After an item: past a `,` (true: another item follows) or past `close`, leaving the container (false).
        private mutating func continues(closedBy close: UInt8, orFails reason: String) throws(JSONParseError) -> Bool {
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                return true
            }
            guard bytes[index] == close else { throw fail(reason) }
            index += 1
            depth -= 1
            return false
        }

        /// Leaves a container a walk declined, the cursor back at its opening bracket.
        private mutating func abandon(openedAt start: Int) {
            index = start
            depth -= 1
        }

        mutating func number() throws(JSONParseError) -> JSONValue {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw fail("leading zero") }
            } else {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            var integral = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                integral = false
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                integral = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if integral, let value = Int(text) { return .int(value) }
            guard let value = Double(text), value.isFinite else { throw fail("number out of range") }
            return .double(value)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        mutating func string() throws(JSONParseError) -> String {
            index += 1
            let start = index
            // Fast path: no escapes; ASCII needs no UTF-8 validation. The plain ASCII run is skipped eight bytes at a
            // time; the loop goes on from the byte that ended it.
            index = plainEnd(from: start)
            var isASCII = true
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    if isASCII { return String(decoding: slice, as: UTF8.self) }
                    guard let text = String(validating: slice, as: UTF8.self) else {
                        index = start
                        throw fail("invalid UTF-8 in string")
                    }
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw fail("control character in string") }
                if byte >= 0x80 { isASCII = false }
                index += 1
            }
            var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    guard let text = String(validating: scalars, as: UTF8.self) else {
                        throw fail("invalid UTF-8 in string")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw fail("unexpected end of input") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append(0x22)
                    case UInt8(ascii: "\\"): scalars.append(0x5C)
                    case UInt8(ascii: "/"): scalars.append(0x2F)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                                bytes[index + 1] == UInt8(ascii: "u")
                            else { throw fail("unpaired surrogate") }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(code) {
                            throw fail("unpaired surrogate")
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw fail("invalid escape") }
                        scalars.append(contentsOf: UTF8.encode(scalar)!)
                    default:
                        throw fail("invalid escape")
                    }
                default:
                    if byte < 0x20 { throw fail("control character in string") }
                    scalars.append(byte)
                    index += 1
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws(JSONParseError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail("unexpected end of input") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw fail("invalid hex digit")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}
