import Foundation

/// A route's path template (`/api/v1/org/{org_slug}/invitations`), split into segments at load.
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    public let segments: [Segment]
    public let text: String
    /// How many of ``segments`` are literals: where two templates fit a path, the one with more wins.
    public let literalCount: Int
    /// What ``render(_:)`` writes: runs of literal bytes (slashes included) and parameters, made at load.
    private let pieces: [Piece]
    /// Each segment's literal text as UTF-8, nil for a parameter: what ``match(ascii:segments:)`` compares.
    private let literalBytes: [[UInt8]?]
    /// Whether every literal segment is ASCII, as ``match(ascii:segments:)`` requires.
    let hasASCIILiterals: Bool

    private enum Piece: Sendable, Hashable {
        case bytes([UInt8])
        case parameter(String)
    }

    /// Parses a template; nil when it does not start with `/` or a brace is unbalanced.
    public init?(_ text: String) {
        guard text.hasPrefix("/") else { return nil }
        var segments: [Segment] = []
        for part in text.split(separator: "/", omittingEmptySubsequences: true) {
            if part.hasPrefix("{") {
                guard part.hasSuffix("}"), part.count > 2 else { return nil }
                segments.append(.parameter(String(part.dropFirst().dropLast())))
            } else {
                guard !part.contains("{"), !part.contains("}") else { return nil }
                segments.append(.literal(String(part)))
            }
        }
        self.segments = segments
        self.text = text
        self.literalCount = segments.count { if case .literal = $0 { true } else { false } }
        var pieces: [Piece] = []
        var run: [UInt8] = []
        for segment in segments {
            run.append(UInt8(ascii: "/"))
            switch segment {
            case .literal(let literal): run.append(contentsOf: literal.utf8)
            case .parameter(let name):
                pieces.append(.bytes(run))
                run = []
                pieces.append(.parameter(name))
            }
        }
        if segments.isEmpty { run = [UInt8(ascii: "/")] }  // the root path
        if !run.isEmpty { pieces.append(.bytes(run)) }
        self.pieces = pieces
        self.literalBytes = segments.map { if case .literal(let text) = $0 { Array(text.utf8) } else { nil } }
        self.hasASCIILiterals = literalBytes.allSatisfy { $0?.allSatisfy { $0 < 0x80 } ?? true }
    }

    public var description: String { text }

    public var parameterNames: [String] {
        segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
    }

    /// Whether `pathSegments` fits this template (``match(_:)`` then gives its parameters), without collecting them.
    public func fits(_ pathSegments: [Substring]) -> Bool {
        guard pathSegments.count == segments.count else { return false }
        for (segment, actual) in zip(segments, pathSegments) {
            switch segment {
            case .literal(let literal):
                guard literal == actual else { return false }
            case .parameter:
                guard !actual.isEmpty, PercentEncoding.decode(actual) != nil else { return false }
            }
        }
        return true
    }

    /// The parameter values when `pathSegments` fits this template; nil otherwise.
    public func match(_ pathSegments: [Substring]) -> [String: String]? {
        guard pathSegments.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        // Room for every parameter at once (none for a template without: an empty dictionary allocates nothing).
        if segments.count > literalCount { parameters.reserveCapacity(segments.count - literalCount) }
        for (segment, actual) in zip(segments, pathSegments) {
            switch segment {
            case .literal(let literal):
                guard literal == actual else { return nil }
            case .parameter(let name):
                guard !actual.isEmpty, let decoded = PercentEncoding.decode(actual) else { return nil }
                parameters[name] = decoded
            }
        }
        return parameters
    }

    /// ``fits(_:)`` and ``match(_:)`` for a path given as bytes, ASCII without `%`, and its segments' ranges.
    ///
    /// For such a path a literal segment fits when its bytes are the same (ASCII text has no other spelling, when
    /// the template's literals are ASCII too: ``hasASCIILiterals``), and a parameter's value is its bytes as they
    /// are (nothing to decode). Nil when it does not fit; the parameters only when `collect` is true.
    func match(
        ascii path: UnsafeBufferPointer<UInt8>, segments pathSegments: UnsafeBufferPointer<Range<Int>>, collect: Bool
    ) -> [String: String]? {
        guard pathSegments.count == literalBytes.count else { return nil }
        var parameters: [String: String] = [:]
        if collect && segments.count > literalCount { parameters.reserveCapacity(segments.count - literalCount) }
        for index in pathSegments.indices {
            let range = pathSegments[index]
            if let literal = literalBytes[index] {
                let fits = literal.withUnsafeBufferPointer { literal in
                    literal.count == range.count
                        && (literal.isEmpty
                            || memcmp(literal.baseAddress!, path.baseAddress! + range.lowerBound, range.count) == 0)
                }
                guard fits else { return nil }
            } else if collect, case .parameter(let name) = segments[index] {
                parameters[name] = String(decoding: UnsafeBufferPointer(rebasing: path[range]), as: UTF8.self)
            }
        }
        return parameters
    }

    /// How many leading literal segments `pathSegments` shares with this template.
    public func sharedLiteralPrefix(_ pathSegments: [Substring]) -> Int {
        var count = 0
        for (segment, actual) in zip(segments, pathSegments) {
            switch segment {
            case .literal(let literal) where literal == actual: count += 1
            case .parameter: count += 1
            default: return count
            }
        }
        return count
    }

    /// The path with parameters filled in (percent-encoded); nil when one is missing.
    public func render(_ parameters: [String: String]) -> String? {
        render { parameters[$0] }
    }

    /// The path with each parameter's value, found by name, filled in (percent-encoded); nil when one is missing.
    func render(_ parameter: (String) -> String?) -> String? {
        var values: [String] = []
        values.reserveCapacity(pieces.count / 2)
        var length = 0
        for piece in pieces {
            switch piece {
            case .bytes(let run): length += run.count
            case .parameter(let name):
                guard let value = parameter(name), !value.isEmpty else { return nil }
                length += PercentEncoding.encodedLength(value)
                values.append(value)
            }
        }
        // One allocation: the string's own storage, written in place.
        return String(unsafeUninitializedCapacity: length) { buffer in
            var offset = 0
            var next = 0
            for piece in pieces {
                switch piece {
                case .bytes(let run):
                    for byte in run {
                        buffer[offset] = byte
                        offset += 1
                    }
                case .parameter:
                    offset = PercentEncoding.encode(values[next], into: buffer, at: offset)
                    next += 1
                }
            }
            return offset
        }
    }
}

/// Percent-encoding of path segments and query components (RFC 3986 unreserved characters kept).
public enum PercentEncoding {
    /// How many bytes ``encode(_:)`` makes of `text`.
    static func encodedLength(_ text: String) -> Int {
        var length = 0
        for byte in text.utf8 { length += isUnreserved(byte) ? 1 : 3 }
        return length
    }

    /// Writes `text` percent-encoded into `buffer` from `offset`, which must leave ``encodedLength(_:)`` bytes;
    /// returns the offset after it.
    static func encode(_ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let hex: StaticString = "0123456789ABCDEF"
        var offset = offset
        for byte in text.utf8 {
            if isUnreserved(byte) {
                buffer[offset] = byte
                offset += 1
            } else {
                buffer[offset] = UInt8(ascii: "%")
                buffer[offset + 1] = hex.utf8Start[Int(byte >> 4)]
                buffer[offset + 2] = hex.utf8Start[Int(byte & 0xF)]
                offset += 3
            }
        }
        return offset
    }

    public static func encode(_ text: String) -> String {
        let length = encodedLength(text)
        if length == text.utf8.count { return text }
        return String(unsafeUninitializedCapacity: length) { encode(text, into: $0, at: 0) }
    }

    /// RFC 3986's unreserved characters: letters, digits, `-`, `.`, `_` and `~`.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Decodes `%XX` escapes (and `+` as space when `plusIsSpace`); nil for bad escapes or invalid UTF-8.
    public static func decode(_ text: Substring, plusIsSpace: Bool = false) -> String? {
        let escaped = text.utf8.contains { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }
        if !escaped { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard iterator.count >= 2, let high = hexValue(iterator.popFirst()!),
                    let low = hexValue(iterator.popFirst()!)
                else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else if plusIsSpace && byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The value of a hexadecimal digit (either case); nil for any other byte.
    package static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Splits a raw query string into decoded name/value pairs; nil when an escape is malformed.
    public static func queryItems(_ query: Substring) -> [(name: String, value: String)]? {
        var items: [(String, String)] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(pieces[0], plusIsSpace: true),
                let value = decode(pieces.count > 1 ? pieces[1] : "", plusIsSpace: true)
            else { return nil }
            items.append((name, value))
        }
        return items
    }
}
