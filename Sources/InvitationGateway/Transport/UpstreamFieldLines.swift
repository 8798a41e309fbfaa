import HTTPTypes

/// An upstream answer's field lines as they arrived, already checked by ``UpstreamResponseParser``.
///
/// Building `HTTPFields` validates and lowercases every name and makes a string of every value; an answer's
/// fields are read only when it is an error, so the parser keeps the lines and ``fields`` builds them on demand.
struct UpstreamFieldLines: Sendable {
    private let bytes: [UInt8]

    /// No fields.
    init() { bytes = [] }

    /// Lines that passed ``UpstreamResponseParser``'s checks, each ending in CRLF or LF.
    init(checked lines: UnsafeRawBufferPointer) { bytes = Array(lines) }

    /// The fields, in order.
    var fields: HTTPFields {
        bytes.withUnsafeBytes { UpstreamResponseParser.fields(ofCheckedLines: $0) }
    }
}
