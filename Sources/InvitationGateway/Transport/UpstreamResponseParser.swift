import HTTPTypes
import InvitationCore
import NIOCore

/// Reads one HTTP/1.1 answer off an upstream connection as its bytes arrive: a state machine with no I/O.
///
/// Framing follows RFC 9112 section 6.3: no body after a `HEAD` request or for 204 and 304; a chunked
/// `Transfer-Encoding` before `Content-Length`; otherwise the body runs until the connection closes. Interim
/// 1xx answers are skipped. An answer it cannot frame unambiguously is an error, and its connection is not
/// reused. It replaces NIO's decoder (llhttp, `HTTPHeaders`, a handler per part) on the proxy's hot path: the
/// upstream is the gateway's configured peer, and an answer is read only while a request waits for it.
struct UpstreamResponseParser {
    /// The largest head (status line and fields, or a chunked body's trailers) read.
    static let maximumHeadBytes = 64 * 1024
    /// The longest chunk-size line read.
    private static let maximumChunkLineBytes = 1024

    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case complete
    }

    private let maximumBodyBytes: Int
    private let requestIsHEAD: Bool
    private var state = State.head
    /// Bytes received and not yet read (empty, without storage, while none wait).
    private var pending = ByteBuffer()
    private var status = 0
    /// The head's field lines, checked, as they arrived: made into `HTTPFields` only if the answer's fields are read.
    private var fieldLines = UpstreamFieldLines()
    private var body: [UInt8] = []
    private var keepAlive = true

    /// A parser for the answer to one request; a `HEAD` request's answer has no body.
    init(maximumBodyBytes: Int, requestIsHEAD: Bool = false) {
        self.maximumBodyBytes = maximumBodyBytes
        self.requestIsHEAD = requestIsHEAD
    }

    /// Reads the next bytes of the connection; the answer once it is complete, else nil.
    ///
    /// Bytes after a complete answer make it not keep-alive: nothing was asked for them.
    mutating func read(_ bytes: ByteBuffer) throws(UpstreamResponseError) -> UpstreamResponse? {
        if case .complete = state {
            keepAlive = false
            return nil
        }
        if pending.readableBytes == 0 {
            pending = bytes
        } else {
            var bytes = bytes
            pending.writeBuffer(&bytes)
        }
        var answer = try advance()
        if pending.readableBytes == 0 {
            pending = ByteBuffer()
        } else {
            answer?.keepAlive = false
        }
        return answer
    }

    /// The connection closed: the answer, when its body runs until the close; nil when none has begun.
    mutating func readEnd() throws(UpstreamResponseError) -> UpstreamResponse? {
        switch state {
        case .untilClose:
            keepAlive = false
            return finish()
        case .head where pending.readableBytes == 0 && status == 0:
            return nil
        default:
            throw .truncated
        }
    }

    private mutating func advance() throws(UpstreamResponseError) -> UpstreamResponse? {
        while true {
            switch state {
            case .head:
                guard try readHead() else { return nil }
            case .fixedBody(let remaining):
                let count = min(remaining, pending.readableBytes)
                appendBody(count)
                if count == remaining { return finish() }
                state = .fixedBody(remaining: remaining - count)
                return nil
            case .chunkSize:
                guard let size = try readChunkSize() else { return nil }
                if size == 0 {
                    state = .trailers
                } else {
                    guard size <= maximumBodyBytes - body.count else { throw .bodyTooLarge }
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let count = min(remaining, pending.readableBytes)
                appendBody(count)
                guard count == remaining else {
                    state = .chunkData(remaining: remaining - count)
                    return nil
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard pending.readableBytes >= 2 else { return nil }
                guard pending.readInteger(as: UInt16.self) == 0x0D0A else { throw .malformedChunk }
                state = .chunkSize
            case .trailers:
                guard let end = Self.headEnd(in: pending, linesBefore: 0) else {
                    if pending.readableBytes > Self.maximumHeadBytes { throw .headTooLarge }
                    return nil
                }
                pending.moveReaderIndex(forwardBy: end)
                return finish()
            case .untilClose:
                guard pending.readableBytes <= maximumBodyBytes - body.count else { throw .bodyTooLarge }
                appendBody(pending.readableBytes)
                return nil
            case .complete:
                return nil
            }
        }
    }

    private mutating func finish() -> UpstreamResponse {
        state = .complete
        return UpstreamResponse(
            response: TransportResponse(status: status, fieldLines: fieldLines, body: body), keepAlive: keepAlive)
    }

    private mutating func appendBody(_ count: Int) {
        guard count > 0 else { return }
        pending.readWithUnsafeReadableBytes { bytes in
            body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes.prefix(count)))
            return count
        }
    }

    // MARK: Head

    /// Reads a whole head when it has arrived; false while it has not.
    private mutating func readHead() throws(UpstreamResponseError) -> Bool {
        guard let end = Self.headEnd(in: pending, linesBefore: 1) else {
            if pending.readableBytes > Self.maximumHeadBytes { throw .headTooLarge }
            return false
        }
        guard end <= Self.maximumHeadBytes else { throw .headTooLarge }
        var framing = Framing()
        let (head, lines) = try pending.withUnsafeReadableBytes { bytes throws(UpstreamResponseError) in
            let head = try Self.parseHead(UnsafeRawBufferPointer(rebasing: bytes.prefix(end)), framing: &framing)
            guard head.status >= 200 else { return (head, UpstreamFieldLines()) }
            return (head, UpstreamFieldLines(checked: UnsafeRawBufferPointer(rebasing: bytes[head.fieldsStart..<end])))
        }
        pending.moveReaderIndex(forwardBy: end)
        switch head.status {
        case 101: throw .unexpectedUpgrade
        case 100..<200: return true  // Interim: the answer follows.
        default: break
        }
        status = head.status
        fieldLines = lines
        keepAlive = framing.keepAlive(http11: head.http11)
        if requestIsHEAD || status == 204 || status == 304 {
            state = .fixedBody(remaining: 0)
        } else if let chunked = framing.chunked {
            // Transfer-Encoding overrides Content-Length; the connection's framing is then suspect.
            if framing.contentLength != nil { keepAlive = false }
            if chunked {
                state = .chunkSize
            } else {
                keepAlive = false
                state = .untilClose
            }
        } else if let length = framing.contentLength {
            guard length <= maximumBodyBytes else { throw .bodyTooLarge }
            body.reserveCapacity(length)
            state = .fixedBody(remaining: length)
        } else {
            keepAlive = false
            state = .untilClose
        }
        return true
    }

    /// Where the head ends (the offset just past its empty line), when it has arrived.
    ///
    /// `linesBefore` is the number of lines that must come first (1: the status line; 0: trailers may be none).
    private static func headEnd(in buffer: ByteBuffer, linesBefore: Int) -> Int? {
        buffer.withUnsafeReadableBytes { bytes -> Int? in
            var lineStart = 0
            var lines = 0
            while let newline = HTTPSyntax.lineFeed(in: bytes, from: lineStart) {
                let length = newline - lineStart
                if lines >= linesBefore && (length == 0 || (length == 1 && bytes[lineStart] == 0x0D)) {
                    return newline + 1
                }
                lines += 1
                lineStart = newline + 1
            }
            return nil
        }
    }

    /// What the fields say about framing and keep-alive.
    fileprivate struct Framing {
        var contentLength: Int?
        /// Whether the last transfer coding is `chunked`; nil without `Transfer-Encoding`.
        var chunked: Bool?
        var connectionClose = false
        var connectionKeepAlive = false

        func keepAlive(http11: Bool) -> Bool {
            http11 ? !connectionClose : connectionKeepAlive && !connectionClose
        }
    }

    private static func parseHead(
        _ bytes: UnsafeRawBufferPointer, framing: inout Framing
    ) throws(UpstreamResponseError) -> (status: Int, http11: Bool, fieldsStart: Int) {
        var lines = HeadLines(bytes)
        guard let statusLine = lines.next() else { throw .malformedHead }
        // HTTP/1.x SP 3DIGIT [SP reason]
        guard statusLine.count >= 12, HTTPSyntax.hasPrefix(statusLine, "HTTP/1."),
            statusLine[7] == UInt8(ascii: "0") || statusLine[7] == UInt8(ascii: "1"), statusLine[8] == 0x20,
            statusLine.count == 12 || statusLine[12] == 0x20
        else { throw .malformedHead }
        var status = 0
        for offset in 9..<12 {
            let digit = statusLine[offset] &- UInt8(ascii: "0")
            guard digit < 10 else { throw .malformedHead }
            status = status * 10 + Int(digit)
        }
        guard status >= 100 else { throw .malformedHead }
        let fieldsStart = lines.index
        while let line = lines.next(), !line.isEmpty {
            guard
                let colon = HTTPSyntax.firstIndex(
                    of: UInt8(ascii: ":"), in: line.base, from: line.startIndex, to: line.endIndex),
                colon > line.startIndex
            else {
                throw .malformedHead
            }
            let nameBytes = UnsafeRawBufferPointer(rebasing: line[..<colon])
            let valueBytes = Self.value(of: line, after: colon)
            guard !HTTPSyntax.hasNulOrLineBreak(UnsafeRawBufferPointer(rebasing: valueBytes)),
                HTTPSyntax.isToken(nameBytes)
            else { throw .malformedHead }
            try framing.read(name: nameBytes, value: UnsafeRawBufferPointer(rebasing: valueBytes))
        }
        return (status, statusLine[7] == UInt8(ascii: "1"), fieldsStart)
    }

    /// A field line's value: what follows the colon, without spaces and tabs at either end.
    private static func value(
        of line: Slice<UnsafeRawBufferPointer>, after colon: Int
    ) -> Slice<UnsafeRawBufferPointer> {
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        return value
    }

    /// The fields of lines ``parseHead(_:framing:)`` has checked: every line a `name: value` with a token name.
    static func fields(ofCheckedLines bytes: UnsafeRawBufferPointer) -> HTTPFields {
        var lines = HeadLines(bytes)
        var fields: [HTTPField] = []
        fields.reserveCapacity(16)
        while let line = lines.next(), !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")),
                let name = HTTPField.Name(
                    String(decoding: UnsafeRawBufferPointer(rebasing: line[..<colon]), as: UTF8.self))
            else { continue }
            let valueBytes = Self.value(of: line, after: colon)
            fields.append(
                HTTPField(
                    name: name, value: String(decoding: UnsafeRawBufferPointer(rebasing: valueBytes), as: UTF8.self)))
        }
        return HTTPFields(parsed: fields)
    }

    /// Reads a chunk-size line (`1a;ext=1\r\n`); nil while it has not arrived.
    private mutating func readChunkSize() throws(UpstreamResponseError) -> Int? {
        let line = pending.withUnsafeReadableBytes { bytes -> (end: Int, size: Int?)? in
            guard let newline = bytes.prefix(Self.maximumChunkLineBytes).firstIndex(of: 0x0A) else { return nil }
            guard newline > 0, bytes[newline - 1] == 0x0D else { return (newline + 1, nil) }
            var size = 0
            var digits = 0
            for byte in bytes[..<(newline - 1)] {
                guard let value = HTTPSyntax.hexValue(byte) else {
                    // A chunk extension or whitespace before it ends the size.
                    guard digits > 0, byte == UInt8(ascii: ";") || byte == 0x20 || byte == 0x09 else {
                        return (newline + 1, nil)
                    }
                    break
                }
                digits += 1
                guard digits <= 15 else { return (newline + 1, nil) }
                size = size << 4 | value
            }
            return (newline + 1, digits > 0 ? size : nil)
        }
        guard let line else {
            if pending.readableBytes >= Self.maximumChunkLineBytes { throw .malformedChunk }
            return nil
        }
        guard let size = line.size else { throw .malformedChunk }
        pending.moveReaderIndex(forwardBy: line.end)
        return size
    }

}

extension UpstreamResponseParser.Framing {
    /// Notes `Content-Length`, `Transfer-Encoding` and `Connection`; conflicting lengths are an error.
    fileprivate mutating func read(
        name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer
    ) throws(UpstreamResponseError) {
        if Self.equalsIgnoringCase(name, "content-length") {
            try Self.forEachListItem(value) { item throws(UpstreamResponseError) in
                guard !item.isEmpty, item.count <= 18, item.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else {
                    throw .malformedHead
                }
                let length = item.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                guard contentLength == nil || contentLength == length else { throw .conflictingLength }
                contentLength = length
            }
        } else if Self.equalsIgnoringCase(name, "transfer-encoding") {
            Self.forEachListItem(value) { item in
                if !item.isEmpty {
                    chunked = Self.equalsIgnoringCase(UnsafeRawBufferPointer(rebasing: item), "chunked")
                }
            }
        } else if Self.equalsIgnoringCase(name, "connection") {
            Self.forEachListItem(value) { item in
                let token = UnsafeRawBufferPointer(rebasing: item)
                if Self.equalsIgnoringCase(token, "close") { connectionClose = true }
                if Self.equalsIgnoringCase(token, "keep-alive") { connectionKeepAlive = true }
            }
        }
    }

    /// Calls `body` with each item of a comma-separated field value, without surrounding whitespace (empty items
    /// too), in order; no array is made: every answer's head has a `Content-Length` or `Connection` to read.
    private static func forEachListItem<Failure: Error>(
        _ value: UnsafeRawBufferPointer, _ body: (Slice<UnsafeRawBufferPointer>) throws(Failure) -> Void
    ) throws(Failure) {
        var start = 0
        while true {
            var end = start
            while end < value.count && value[end] != UInt8(ascii: ",") { end += 1 }
            var item = value[start..<end]
            while let first = item.first, first == 0x20 || first == 0x09 { item = item.dropFirst() }
            while let last = item.last, last == 0x20 || last == 0x09 { item = item.dropLast() }
            try body(item)
            guard end < value.count else { return }
            start = end + 1
        }
    }

    private static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { byte, letter in
                byte == letter || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte | 0x20 == letter)
            }
        }
    }
}

/// The lines of a head, each without its line ending (CRLF, or a bare LF).
///
/// `index` is where the next line begins.
private struct HeadLines {
    let bytes: UnsafeRawBufferPointer
    private(set) var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func next() -> Slice<UnsafeRawBufferPointer>? {
        guard let newline = HTTPSyntax.lineFeed(in: bytes, from: index) else { return nil }
        var end = newline
        if end > index, bytes[end - 1] == 0x0D { end -= 1 }
        defer { index = newline + 1 }
        return bytes[index..<end]
    }
}
