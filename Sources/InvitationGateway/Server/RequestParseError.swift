import InvitationCore

/// Why a client's request could not be read: it is answered with ``status`` and its connection is closed.
///
/// Nothing after a request that does not parse can be framed with confidence (a request smuggled in a body
/// looks like this), so the connection is not read any further. The answer carries ``gatewayError`` in the
/// caller's error envelope.
struct RequestParseError: Error, Equatable, CustomStringConvertible {
    private enum Kind: String {
        case malformedLineEnding = "CR without LF, or LF without CR"
        case malformedRequestLine = "malformed request line"
        case malformedTarget = "request-target neither origin-form, absolute-form nor * for OPTIONS"
        case unsupportedVersion = "HTTP version other than 1.1 or 1.0"
        case malformedField = "malformed header field"
        case obsoleteLineFolding = "header field folded onto a second line"
        case missingHost = "HTTP/1.1 request without Host"
        case duplicateHost = "more than one Host"
        case malformedContentLength = "Content-Length not a decimal number"
        case conflictingContentLength = "conflicting Content-Length values"
        case ambiguousFraming = "both Transfer-Encoding and Content-Length"
        case transferEncodingInHTTP10 = "Transfer-Encoding in an HTTP/1.0 request"
        case malformedTransferEncoding = "Transfer-Encoding without chunked as its only final coding"
        case unimplementedTransferCoding = "transfer coding other than chunked"
        case malformedChunk = "malformed chunk"
        case chunkLineTooLong = "chunk-size line too long"
        case headTooLarge = "head or trailers too large"
        case cutShort = "request cut short by the end of the connection"
    }

    private let kind: Kind

    /// A CR not followed by LF, or an LF not preceded by CR, in the head, a chunk line or the trailers.
    static let malformedLineEnding = Self(kind: .malformedLineEnding)
    /// The request line is not `method SP request-target SP HTTP-version`.
    static let malformedRequestLine = Self(kind: .malformedRequestLine)
    /// The request-target has a form the gateway does not serve (`*` other than for OPTIONS, authority-form).
    static let malformedTarget = Self(kind: .malformedTarget)
    /// The version is not `HTTP/1.1` or `HTTP/1.0` (an HTTP/2 preface among others).
    static let unsupportedVersion = Self(kind: .unsupportedVersion)
    /// A field line is not `token ":" OWS value OWS`, or its value holds a control character.
    static let malformedField = Self(kind: .malformedField)
    /// A field line starts with whitespace (obs-fold).
    static let obsoleteLineFolding = Self(kind: .obsoleteLineFolding)
    /// An HTTP/1.1 request has no `Host` (RFC 9112 section 3.2).
    static let missingHost = Self(kind: .missingHost)
    /// A request has more than one `Host`.
    static let duplicateHost = Self(kind: .duplicateHost)
    /// A `Content-Length` value is not 1*DIGIT (at most 18 digits).
    static let malformedContentLength = Self(kind: .malformedContentLength)
    /// Two `Content-Length` values differ.
    static let conflictingContentLength = Self(kind: .conflictingContentLength)
    /// `Transfer-Encoding` and `Content-Length` together: the classic smuggling request.
    static let ambiguousFraming = Self(kind: .ambiguousFraming)
    /// `Transfer-Encoding` in an HTTP/1.0 request, whose recipients may not know it.
    static let transferEncodingInHTTP10 = Self(kind: .transferEncodingInHTTP10)
    /// `Transfer-Encoding` whose final coding is not `chunked`, names `chunked` twice, or has an empty item.
    static let malformedTransferEncoding = Self(kind: .malformedTransferEncoding)
    /// A transfer coding (`gzip`, ...) before the final `chunked`: well framed, but not decoded here.
    static let unimplementedTransferCoding = Self(kind: .unimplementedTransferCoding)
    /// A chunk-size line, or the CRLF after a chunk's data, is malformed.
    static let malformedChunk = Self(kind: .malformedChunk)
    /// A chunk-size line (with its extensions) is longer than the parser reads.
    static let chunkLineTooLong = Self(kind: .chunkLineTooLong)
    /// The head (request line and fields) or the trailers are longer than the parser reads.
    static let headTooLarge = Self(kind: .headTooLarge)
    /// The client ended its side of the connection part-way through a request (the parser never throws this; the
    /// connection's handler notes it when the input ends).
    static let cutShort = Self(kind: .cutShort)

    /// The answer's status: 431 for a head or trailers too large, 501 for a transfer coding not decoded, else 400.
    var status: Int {
        switch kind {
        case .headTooLarge: 431
        case .unimplementedTransferCoding: 501
        default: 400
        }
    }

    var description: String { kind.rawValue }

    /// The canonical error the answer carries: ``status`` kept, the code that status stands for (`invalid_request`
    /// for a 400 or 431, `not_implemented` for a 501), and a message naming what was wrong in HTTP's own terms.
    var gatewayError: GatewayError {
        GatewayError(
            status: status, code: .forStatus(status), message: "The HTTP request could not be read: \(description).")
    }
}
