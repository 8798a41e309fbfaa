import HTTPTypes
import NIOCore

/// Reads the HTTP/1.1 requests of one client connection as their bytes arrive: a state machine with no I/O.
///
/// It replaces NIO's decoder (llhttp, `HTTPHeaders` strings, a handler hop per request part) in front of
/// ``GatewayChannelHandler`` and builds each ``GatewayRequest`` straight from the bytes. Clients are not trusted,
/// so whatever a proxy in front of the gateway could frame differently is refused (RFC 9112):
/// - lines end in CRLF (a bare LF or a bare CR is an error); empty lines before a request line are skipped;
/// - the request line is `token SP request-target SP HTTP/1.1` (or `HTTP/1.0`) with one space each; the target
///   is origin-form, `*` for OPTIONS, or absolute-form `http(s)://authority/path?query`, of which the path and
///   query are kept;
/// - a field line is `token ":" OWS value OWS` with no control character but HTAB in the value; whitespace before
///   the colon and obs-fold are errors; an HTTP/1.1 request has exactly one `Host`, an HTTP/1.0 one at most one;
/// - the body is framed by `Transfer-Encoding: chunked` alone, or by `Content-Length` values that all agree, or is
///   empty; both together, or `Transfer-Encoding` in HTTP/1.0, are errors; chunk extensions are checked and
///   dropped, trailers checked and dropped.
///
/// Every error carries its answer's status (``RequestParseError/status``): 431 when the head, or the trailers,
/// pass ``maximumHeadBytes``; 501 for a transfer coding before `chunked`; 400 for everything else, a chunk-size
/// line over ``maximumChunkLineBytes`` included. After an error the parser reads nothing more. A body larger than
/// the limit is no error: it is read and dropped, and its request comes out with a nil body (answered 413), so the
/// request after it is still found. Bytes after a request are the next (pipelined) request. What is known of a
/// request that fails or is cut short (``requestSoFar``) picks the envelope its error answer is written in.
struct RequestParser {
    /// A complete request and what its answer needs to know.
    struct Request {
        var request: GatewayRequest
        /// Whether the request line said `HTTP/1.0` (the answer's status line says so too).
        var isHTTP10: Bool
        /// Whether the connection stays open after the answer (RFC 9112 section 9.3).
        var keepAlive: Bool
        /// Whether the method is `HEAD` (the answer has no body).
        var isHEAD: Bool
    }

    /// What the bytes read so far amount to.
    enum Event {
        /// An HTTP/1.1 head asks for `100 Continue` and the body it declares fits: the client waits for leave.
        case continueExpected
        /// A request is complete.
        case request(Request)
    }

    /// The largest head (request line and fields) read; the trailers of a chunked body have the same limit.
    static let maximumHeadBytes = 64 * 1024
    /// The longest chunk-size line (size, extensions and CRLF) read.
    static let maximumChunkLineBytes = 1024

    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    private static let emptyRequest = Request(
        request: GatewayRequest(method: "", path: ""), isHTTP10: false, keepAlive: false, isHEAD: false)

    private let maximumBodyBytes: Int
    private var state = State.head
    /// Bytes received and not yet read (empty, without storage, while none wait).
    private var pending = ByteBuffer()
    /// How much of the head or trailers has been searched for its end, so that no byte is searched twice.
    private var scanned = 0
    /// The request whose body is being read; after an error in a head, what its request line said (if it parsed).
    private var current = Self.emptyRequest
    private var body: [UInt8] = []
    private var bodyTooLarge = false
    private var announceContinue = false
    private var failure: RequestParseError?

    /// A parser whose requests' bodies are kept up to `maximumBodyBytes` (past it a body is read and dropped).
    init(maximumBodyBytes: Int) {
        self.maximumBodyBytes = maximumBodyBytes
    }

    /// Whether part of a request has been read (a head not yet complete, or a body under way).
    var isWithinRequest: Bool {
        if case .head = state { return pending.readableBytes > 0 }
        return true
    }

    /// Adds the next bytes of the connection, for ``next()`` to read.
    ///
    /// Ignored after an error.
    mutating func append(_ bytes: ByteBuffer) {
        guard failure == nil else { return }
        if pending.readableBytes == 0 {
            pending = bytes
        } else {
            if pending.readerIndex > 0 { pending.discardReadBytes() }
            var bytes = bytes
            pending.writeBuffer(&bytes)
        }
    }

    /// The next event in the bytes appended so far; nil until more arrive.
    ///
    /// After an error it throws the same error again.
    mutating func next() throws(RequestParseError) -> Event? {
        if let failure { throw failure }
        do throws(RequestParseError) {
            let event = try advance()
            if pending.readableBytes == 0 { pending = ByteBuffer() }
            return event
        } catch {
            failure = error
            if case .head = state { current = Self.requestLine(in: pending) ?? Self.emptyRequest }
            pending = ByteBuffer()
            throw error
        }
    }

    /// The request being read, as far as it is known, for the answer to one that fails or is cut short.
    ///
    /// Its method and target once its request line has arrived and parses, its fields too once its whole head has;
    /// nil before that. After an error, the request that failed. Only error paths ask, so the request line of a
    /// head not yet complete is parsed again here rather than kept while the head is read.
    var requestSoFar: GatewayRequest? {
        if failure == nil, case .head = state { return Self.requestLine(in: pending)?.request }
        return current.request.method.isEmpty ? nil : current.request
    }

    /// The request line at the start of `bytes`, parsed, when it has arrived whole and is well formed.
    private static func requestLine(in bytes: ByteBuffer) -> Request? {
        bytes.withUnsafeReadableBytes { bytes in
            let head = UnsafeRawBufferPointer(rebasing: bytes.prefix(maximumHeadBytes))
            guard let (line, _) = try? Self.line(in: head, from: 0) else { return nil }
            return try? parseRequestLine(line)
        }
    }

    private mutating func advance() throws(RequestParseError) -> Event? {
        while true {
            switch state {
            case .head:
                guard try readHead() else { return nil }
                if announceContinue {
                    announceContinue = false
                    return .continueExpected
                }
            case .fixedBody(let remaining):
                if remaining == 0 { return .request(finish()) }
                let count = min(remaining, pending.readableBytes)
                guard count > 0 else { return nil }
                take(count)
                state = .fixedBody(remaining: remaining - count)
            case .chunkSize:
                guard let size = try readChunkSize() else { return nil }
                if size == 0 {
                    scanned = 0
                    state = .trailers
                } else {
                    if !bodyTooLarge && size > maximumBodyBytes - body.count {
                        bodyTooLarge = true
                        body = []
                    }
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let count = min(remaining, pending.readableBytes)
                guard count > 0 else { return nil }
                take(count)
                state = count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - count)
            case .chunkDataEnd:
                guard try readChunkDataEnd() else { return nil }
                state = .chunkSize
            case .trailers:
                guard try readTrailers() else { return nil }
                return .request(finish())
            }
        }
    }

    private mutating func finish() -> Request {
        // Swapped out rather than copied, then replaced: a copy retained every part of the request.
        var request = Self.emptyRequest
        swap(&request, &current)
        var taken: [UInt8] = []
        swap(&taken, &body)
        request.request.body = bodyTooLarge ? nil : taken
        bodyTooLarge = false
        state = .head
        return request
    }

    /// Moves `count` body bytes into the body, or past them once the body is too large.
    private mutating func take(_ count: Int) {
        guard !bodyTooLarge else {
            pending.moveReaderIndex(forwardBy: count)
            return
        }
        pending.readWithUnsafeReadableBytes { bytes in
            body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes.prefix(count)))
            return count
        }
    }

    // MARK: Head

    /// Reads a whole head when it has arrived and sets up its body; false while it has not.
    private mutating func readHead() throws(RequestParseError) -> Bool {
        if scanned == 0 {
            guard try skipEmptyLines() else { return false }
        }
        guard let end = try sectionEnd() else { return false }
        let head = try pending.withUnsafeReadableBytes { bytes throws(RequestParseError) in
            try Self.parseHead(UnsafeRawBufferPointer(rebasing: bytes.prefix(end)))
        }
        pending.moveReaderIndex(forwardBy: end)
        scanned = 0
        // The head's other parts are read first, so that its request is moved into `current`, not copied.
        let framing = head.body
        let expectsContinue = head.expectsContinue && !head.request.isHTTP10
        current = head.request
        let hasBody: Bool
        switch framing {
        case .chunked:
            hasBody = true
            state = .chunkSize
        case .length(let length):
            hasBody = length > 0
            bodyTooLarge = length > maximumBodyBytes
            if hasBody && !bodyTooLarge { body.reserveCapacity(length) }
            state = .fixedBody(remaining: length)
        }
        announceContinue = expectsContinue && hasBody && !bodyTooLarge
        return true
    }

    /// Drops the empty lines RFC 9112 section 2.2 allows before a request line; false while none has begun.
    private mutating func skipEmptyLines() throws(RequestParseError) -> Bool {
        while let first = pending.getInteger(at: pending.readerIndex, as: UInt8.self) {
            guard first != ASCII.lf else { throw .malformedLineEnding }
            guard first == ASCII.cr else { return true }
            guard let second = pending.getInteger(at: pending.readerIndex + 1, as: UInt8.self) else { return false }
            guard second == ASCII.lf else { throw .malformedLineEnding }
            pending.moveReaderIndex(forwardBy: 2)
        }
        return false
    }

    /// Where the head or trailers end (the offset just past their empty line), once they have arrived.
    ///
    /// Every line must end in CRLF. The search resumes where the previous one stopped.
    private mutating func sectionEnd() throws(RequestParseError) -> Int? {
        let start = scanned
        let (end, reached) = try pending.withUnsafeReadableBytes { bytes throws(RequestParseError) -> (Int?, Int) in
            let limit = min(bytes.count, Self.maximumHeadBytes)
            var index = start
            while case let next = HTTPSyntax.firstLineBreak(in: bytes, from: index, to: limit), next < limit {
                index = next
                switch bytes[index] {
                case ASCII.lf:
                    guard index > 0, bytes[index - 1] == ASCII.cr else { throw .malformedLineEnding }
                    if index == 1 || bytes[index - 2] == ASCII.lf { return (index + 1, index + 1) }
                case ASCII.cr:
                    guard index + 1 < bytes.count else { return (nil, index) }
                    guard bytes[index + 1] == ASCII.lf else { throw .malformedLineEnding }
                default:
                    break
                }
                index += 1
            }
            return (nil, limit)
        }
        if let end { return end }
        guard reached < Self.maximumHeadBytes else { throw .headTooLarge }
        scanned = reached
        return nil
    }

    /// How a request's body is framed.
    fileprivate enum BodyFraming {
        case chunked
        case length(Int)
    }

    /// A parsed head: the request without its body, and how the body follows.
    private struct Head {
        var request: Request
        var body: BodyFraming
        var expectsContinue: Bool
    }

    /// Parses a head whose every line ends in CRLF, the last one empty.
    private static func parseHead(_ bytes: UnsafeRawBufferPointer) throws(RequestParseError) -> Head {
        guard let (requestLine, afterRequestLine) = try line(in: bytes, from: 0) else { throw .malformedRequestLine }
        var request = try parseRequestLine(requestLine)
        var framing = Framing()
        var entries: [RequestFieldLines.Entry] = []
        entries.reserveCapacity(16)
        var start = afterRequestLine
        while let (line, next) = try line(in: bytes, from: start), !line.isEmpty {
            let lineStart = start
            start = next
            let field = try fieldLine(line)
            let nameBytes = line[..<field.nameEnd]
            guard
                let name = CommonFieldNames.name(spelled: UnsafeRawBufferPointer(rebasing: nameBytes))
                    ?? HTTPField.Name(String(decoding: nameBytes, as: UTF8.self))
            else { throw .malformedField }
            try framing.read(name: nameBytes, value: line[field.value])
            entries.append(
                .init(name: name, value: (lineStart + field.value.lowerBound)..<(lineStart + field.value.upperBound)))
        }
        request.request.setFields(lines: RequestFieldLines(bytes: Array(bytes[..<start]), entries: entries))
        if !request.isHTTP10 && framing.hosts == 0 { throw .missingHost }
        request.keepAlive =
            request.isHTTP10 ? framing.connectionKeepAlive && !framing.connectionClose : !framing.connectionClose
        // The framing is read before the request goes into the head: read after, it made the request be copied.
        let body = try framing.body(isHTTP10: request.isHTTP10)
        return Head(request: request, body: body, expectsContinue: framing.expectsContinue)
    }

    /// The line starting at `start`, without its CRLF, and where the next one starts; nil when no LF follows.
    private static func line(
        in bytes: UnsafeRawBufferPointer, from start: Int
    ) throws(RequestParseError) -> (UnsafeRawBufferPointer, next: Int)? {
        guard let newline = HTTPSyntax.lineFeed(in: bytes, from: start) else { return nil }
        guard newline > start, bytes[newline - 1] == ASCII.cr else { throw .malformedLineEnding }
        return (UnsafeRawBufferPointer(rebasing: bytes[start..<(newline - 1)]), newline + 1)
    }

    /// Parses `method SP request-target SP HTTP-version` into a request without fields or body.
    private static func parseRequestLine(_ line: UnsafeRawBufferPointer) throws(RequestParseError) -> Request {
        var index = 0
        while index < line.count, HTTPSyntax.isTokenByte(line[index]) { index += 1 }
        guard index > 0, index < line.count, line[index] == ASCII.space else { throw .malformedRequestLine }
        let method = UnsafeRawBufferPointer(rebasing: line[..<index])
        index += 1
        let targetStart = index
        while index < line.count, line[index] > ASCII.space, line[index] < ASCII.delete { index += 1 }
        guard index > targetStart, index < line.count, line[index] == ASCII.space else {
            throw .malformedRequestLine
        }
        let target = UnsafeRawBufferPointer(rebasing: line[targetStart..<index])
        let version = line[(index + 1)...]
        guard version.count == 8, HTTPSyntax.hasPrefix(version, "HTTP/"),
            isDigit(version[version.startIndex + 5]), version[version.startIndex + 6] == UInt8(ascii: "."),
            isDigit(version[version.startIndex + 7])
        else { throw .malformedRequestLine }
        guard HTTPSyntax.hasPrefix(version, "HTTP/1.0") || HTTPSyntax.hasPrefix(version, "HTTP/1.1") else {
            throw .unsupportedVersion
        }
        let (path, query) = try parseTarget(
            target, isOPTIONS: HTTPSyntax.hasPrefix(method[...], "OPTIONS") && method.count == 7)
        return Request(
            request: GatewayRequest(
                method: String(decoding: method, as: UTF8.self), path: path, query: query, body: []),
            isHTTP10: version[version.startIndex + 7] == UInt8(ascii: "0"), keepAlive: true,
            isHEAD: method.count == 4 && HTTPSyntax.hasPrefix(method[...], "HEAD"))
    }

    /// The path and query of a request-target (visible ASCII, checked by the caller).
    ///
    /// Origin-form (`/path?query`) is read as it is; `*` only for OPTIONS. Absolute-form
    /// (`http://authority/path?query`, RFC 9112 section 3.2.2, which a server must accept) keeps its path (`/`
    /// when empty) and query; its authority may not hold userinfo. A fragment (`#`) is refused in every form.
    private static func parseTarget(
        _ target: UnsafeRawBufferPointer, isOPTIONS: Bool
    ) throws(RequestParseError) -> (path: String, query: String?) {
        guard let first = target.first, !target.contains(UInt8(ascii: "#")) else { throw .malformedTarget }
        let pathStart: Int
        if first == UInt8(ascii: "/") {
            pathStart = 0
        } else if target.count == 1 && first == UInt8(ascii: "*") {
            guard isOPTIONS else { throw .malformedTarget }
            return ("*", nil)
        } else {
            let schemeEnd: Int
            if matchesIgnoringCase(target[...], "http://") {
                schemeEnd = 7
            } else if matchesIgnoringCase(target[...], "https://") {
                schemeEnd = 8
            } else {
                throw .malformedTarget
            }
            let authorityEnd =
                target[schemeEnd...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? target.count
            let authority = target[schemeEnd..<authorityEnd]
            guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")) else { throw .malformedTarget }
            pathStart = authorityEnd
        }
        let mark = target[pathStart...].firstIndex(of: UInt8(ascii: "?"))
        let pathBytes = UnsafeRawBufferPointer(rebasing: target[pathStart..<(mark ?? target.count)])
        let path = pathBytes.isEmpty ? "/" : String(decoding: pathBytes, as: UTF8.self)
        guard let mark else { return (path, nil) }
        return (path, String(decoding: UnsafeRawBufferPointer(rebasing: target[(mark + 1)...]), as: UTF8.self))
    }

    /// Checks a field line (`token ":" OWS value OWS`, without its CRLF): where its name ends and where its value is.
    private static func fieldLine(
        _ line: UnsafeRawBufferPointer
    ) throws(RequestParseError) -> (nameEnd: Int, value: Range<Int>) {
        guard let first = line.first else { throw .malformedField }
        guard !isWhitespace(first) else { throw .obsoleteLineFolding }
        var index = 0
        while index < line.count, HTTPSyntax.isTokenByte(line[index]) { index += 1 }
        guard index > 0, index < line.count, line[index] == UInt8(ascii: ":") else { throw .malformedField }
        let nameEnd = index
        index += 1
        while index < line.count, isWhitespace(line[index]) { index += 1 }
        var end = line.count
        while end > index, isWhitespace(line[end - 1]) { end -= 1 }
        guard HTTPSyntax.isFieldValue(UnsafeRawBufferPointer(rebasing: line[index..<end])) else {
            throw .malformedField
        }
        return (nameEnd, index..<end)
    }

    // MARK: Chunked body

    /// Reads a chunk-size line (`1a;name=value\r\n`); nil while it has not arrived.
    private mutating func readChunkSize() throws(RequestParseError) -> Int? {
        let line = try pending.withUnsafeReadableBytes { bytes throws(RequestParseError) -> (end: Int, size: Int)? in
            guard let newline = bytes.prefix(Self.maximumChunkLineBytes).firstIndex(of: ASCII.lf) else {
                guard bytes.count < Self.maximumChunkLineBytes else { throw .chunkLineTooLong }
                return nil
            }
            guard newline > 0, bytes[newline - 1] == ASCII.cr else { throw .malformedLineEnding }
            return (newline + 1, try Self.chunkSize(UnsafeRawBufferPointer(rebasing: bytes[..<(newline - 1)])))
        }
        guard let line else { return nil }
        pending.moveReaderIndex(forwardBy: line.end)
        return line.size
    }

    /// The size on a chunk-size line (without its CRLF), after checking its extensions.
    ///
    /// `chunk-size *( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string ) ] )`, RFC 9112 section 7.1.1.
    private static func chunkSize(_ line: UnsafeRawBufferPointer) throws(RequestParseError) -> Int {
        var index = 0
        var size = 0
        while index < line.count, let digit = HTTPSyntax.hexValue(line[index]) {
            guard size <= Int.max >> 4 else { throw .malformedChunk }
            size = size << 4 | digit
            index += 1
        }
        guard index > 0 else { throw .malformedChunk }
        while index < line.count {
            skipWhitespace(line, &index)
            guard index < line.count, line[index] == UInt8(ascii: ";") else { throw .malformedChunk }
            index += 1
            skipWhitespace(line, &index)
            let nameStart = index
            while index < line.count, HTTPSyntax.isTokenByte(line[index]) { index += 1 }
            guard index > nameStart else { throw .malformedChunk }
            var afterName = index
            skipWhitespace(line, &afterName)
            guard afterName < line.count, line[afterName] == UInt8(ascii: "=") else { continue }
            index = afterName + 1
            skipWhitespace(line, &index)
            guard index < line.count else { throw .malformedChunk }
            if line[index] == UInt8(ascii: "\"") {
                index = try quotedStringEnd(line, from: index)
            } else {
                let valueStart = index
                while index < line.count, HTTPSyntax.isTokenByte(line[index]) { index += 1 }
                guard index > valueStart else { throw .malformedChunk }
            }
        }
        return size
    }

    /// The offset just past the quoted-string starting at `start` (RFC 9110 section 5.6.4).
    private static func quotedStringEnd(
        _ line: UnsafeRawBufferPointer, from start: Int
    ) throws(RequestParseError) -> Int {
        var index = start + 1
        while index < line.count {
            let byte = line[index]
            if byte == UInt8(ascii: "\"") { return index + 1 }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < line.count, HTTPSyntax.isFieldValueByte(line[index]) else { throw .malformedChunk }
            } else {
                guard HTTPSyntax.isFieldValueByte(byte) else { throw .malformedChunk }
            }
            index += 1
        }
        throw .malformedChunk
    }

    /// Reads the CRLF after a chunk's data; false while it has not arrived.
    private mutating func readChunkDataEnd() throws(RequestParseError) -> Bool {
        guard let first = pending.getInteger(at: pending.readerIndex, as: UInt8.self) else { return false }
        guard first == ASCII.cr else { throw .malformedChunk }
        guard let second = pending.getInteger(at: pending.readerIndex + 1, as: UInt8.self) else { return false }
        guard second == ASCII.lf else { throw .malformedChunk }
        pending.moveReaderIndex(forwardBy: 2)
        return true
    }

    /// Reads and drops the trailers after the last chunk, checking each field line; false until they end.
    private mutating func readTrailers() throws(RequestParseError) -> Bool {
        guard let end = try sectionEnd() else { return false }
        try pending.withUnsafeReadableBytes { bytes throws(RequestParseError) in
            let trailers = UnsafeRawBufferPointer(rebasing: bytes.prefix(end))
            var start = 0
            while let (line, next) = try Self.line(in: trailers, from: start), !line.isEmpty {
                start = next
                _ = try Self.fieldLine(line)
            }
        }
        pending.moveReaderIndex(forwardBy: end)
        scanned = 0
        return true
    }

    // MARK: Bytes

    /// Whether `byte` is SP or HTAB.
    fileprivate static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab
    }

    /// Whether `byte` is an ASCII digit.
    fileprivate static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Moves `index` past SP and HTAB.
    private static func skipWhitespace(_ line: UnsafeRawBufferPointer, _ index: inout Int) {
        while index < line.count, isWhitespace(line[index]) { index += 1 }
    }

    /// Whether `bytes` begins with the lowercase ASCII `prefix`, ignoring the case of letters.
    fileprivate static func matchesIgnoringCase(_ bytes: Slice<UnsafeRawBufferPointer>, _ prefix: StaticString) -> Bool
    {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { byte, letter in
                byte == letter || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte | 0x20 == letter)
            }
        }
    }

    /// Whether `bytes` is the lowercase ASCII `word`, ignoring the case of letters.
    fileprivate static func equalsIgnoringCase(_ bytes: Slice<UnsafeRawBufferPointer>, _ word: StaticString) -> Bool {
        bytes.count == word.utf8CodeUnitCount && matchesIgnoringCase(bytes, word)
    }
}

/// The bytes of HTTP/1.1's syntax.
private enum ASCII {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let delete: UInt8 = 0x7F
}

/// What a head's fields say about framing, keep-alive, `Host` and `Expect`.
private struct Framing {
    var contentLength: Int?
    var hasTransferEncoding = false
    /// How many transfer codings are listed, how many of them are `chunked`, and whether the last one is.
    var codings = 0
    var chunkedCodings = 0
    var lastCodingIsChunked = false
    var hosts = 0
    var connectionClose = false
    var connectionKeepAlive = false
    var expectsContinue = false

    /// Notes a field that matters to framing; a second `Host` or a bad or conflicting `Content-Length` is an error.
    mutating func read(
        name: Slice<UnsafeRawBufferPointer>, value: Slice<UnsafeRawBufferPointer>
    ) throws(RequestParseError) {
        switch name.count {
        case 4 where RequestParser.equalsIgnoringCase(name, "host"):
            hosts += 1
            guard hosts == 1 else { throw .duplicateHost }
        case 6 where RequestParser.equalsIgnoringCase(name, "expect"):
            if RequestParser.equalsIgnoringCase(value, "100-continue") { expectsContinue = true }
        case 10 where RequestParser.equalsIgnoringCase(name, "connection"):
            for item in ListItems(value) {
                if RequestParser.equalsIgnoringCase(item, "close") { connectionClose = true }
                if RequestParser.equalsIgnoringCase(item, "keep-alive") { connectionKeepAlive = true }
            }
        case 14 where RequestParser.equalsIgnoringCase(name, "content-length"):
            for item in ListItems(value) {
                guard !item.isEmpty, item.count <= 18, item.allSatisfy(RequestParser.isDigit) else {
                    throw .malformedContentLength
                }
                let length = item.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                guard contentLength == nil || contentLength == length else { throw .conflictingContentLength }
                contentLength = length
            }
        case 17 where RequestParser.equalsIgnoringCase(name, "transfer-encoding"):
            hasTransferEncoding = true
            for item in ListItems(value) {
                guard !item.isEmpty else { throw .malformedTransferEncoding }
                codings += 1
                lastCodingIsChunked = RequestParser.equalsIgnoringCase(item, "chunked")
                if lastCodingIsChunked { chunkedCodings += 1 }
            }
        default:
            break
        }
    }

    /// How the body is framed (RFC 9112 section 6.3), or why it cannot be framed with confidence.
    func body(isHTTP10: Bool) throws(RequestParseError) -> RequestParser.BodyFraming {
        guard hasTransferEncoding else { return .length(contentLength ?? 0) }
        guard !isHTTP10 else { throw .transferEncodingInHTTP10 }
        guard contentLength == nil else { throw .ambiguousFraming }
        guard lastCodingIsChunked, chunkedCodings == 1 else { throw .malformedTransferEncoding }
        guard codings == 1 else { throw .unimplementedTransferCoding }
        return .chunked
    }
}

/// The items of a comma-separated field value, without the whitespace around them (empty ones included).
private struct ListItems: Sequence, IteratorProtocol {
    private let bytes: Slice<UnsafeRawBufferPointer>
    private var index: Int
    private var done = false

    init(_ bytes: Slice<UnsafeRawBufferPointer>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    mutating func next() -> Slice<UnsafeRawBufferPointer>? {
        guard !done else { return nil }
        let end = bytes[index...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.endIndex
        var item = bytes[index..<end]
        while let first = item.first, RequestParser.isWhitespace(first) { item = item.dropFirst() }
        while let last = item.last, RequestParser.isWhitespace(last) { item = item.dropLast() }
        if end == bytes.endIndex {
            done = true
        } else {
            index = end + 1
        }
        return item
    }
}
