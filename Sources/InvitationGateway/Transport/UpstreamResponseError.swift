/// Why an upstream's answer could not be read: every one of them is a 502, and the connection is closed.
struct UpstreamResponseError: Error, Equatable, CustomStringConvertible {
    private enum Kind: String {
        case malformedHead = "malformed status line or header field"
        case headTooLarge = "head too large"
        case bodyTooLarge = "body too large"
        case malformedChunk = "malformed chunk"
        case conflictingLength = "conflicting Content-Length values"
        case unexpectedUpgrade = "unrequested protocol upgrade"
        case truncated = "connection closed before the answer ended"
    }

    private let kind: Kind

    /// The status line or a header field is not HTTP/1.1.
    static let malformedHead = Self(kind: .malformedHead)
    /// The head (or a chunked body's trailers) is larger than the parser reads.
    static let headTooLarge = Self(kind: .headTooLarge)
    /// The body is larger than the transport reads.
    static let bodyTooLarge = Self(kind: .bodyTooLarge)
    /// A chunked body's framing is broken.
    static let malformedChunk = Self(kind: .malformedChunk)
    /// Two `Content-Length` values differ.
    static let conflictingLength = Self(kind: .conflictingLength)
    /// A 101 answer: the gateway never asks for an upgrade.
    static let unexpectedUpgrade = Self(kind: .unexpectedUpgrade)
    /// The connection closed part way through an answer.
    static let truncated = Self(kind: .truncated)

    var description: String { kind.rawValue }
}
