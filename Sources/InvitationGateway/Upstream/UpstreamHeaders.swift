import HTTPTypes
import InvitationCore

/// The header fields one upstream request goes out with, kept as their parts until they are written.
///
/// ``DialectUpstream/headers(for:context:)`` makes them of the caller's forwarded fields, the credentials the
/// upstream's policy chose, the request id, `Accept` and the rendered `Content-Type`. ``PooledHTTPTransport``
/// writes those parts straight into the request's bytes; ``fields`` makes them `HTTPFields` for any other
/// transport. Building `HTTPFields` copies and checks every field it is given, some hundreds of instructions a
/// field, which a request written once and dropped does not need.
public struct UpstreamHeaders: Sendable {
    private let storage: Storage
    /// Whether the fields (the forwarded ones, for parts) hold a name the request's own framing replaces: looked
    /// up once here, not on every write (a batch writes the same headers for each of its emails).
    private let hasFramingNames: Bool
    /// The bytes ``forEachWritten(_:)``'s fields take as `name: value` lines with CRLF, measured once (a batch
    /// writes the same headers for each of its emails).
    private(set) var writtenSize = 0

    private enum Storage: Sendable {
        case fields(HTTPFields)
        case parts(Parts)
    }

    private struct Parts: Sendable {
        var forwarded: HTTPFields
        var credentials: Credentials
        var requestID: String
        var contentType: String?
    }

    /// Headers that are already fields, sent as they are.
    public init(_ fields: HTTPFields) {
        storage = .fields(fields)
        hasFramingNames = fields.contains { Self.isFraming($0.name) }
        writtenSize = measured()
    }

    /// Headers kept as parts: the forwarded fields, then the credentials, the request id, `Accept` and `Content-Type`.
    ///
    /// `forwarded` must hold none of the names written after it (``Gateway``'s forwarded headers never do).
    init(forwarded: HTTPFields, credentials: Credentials, requestID: String, contentType: String?) {
        storage = .parts(
            Parts(forwarded: forwarded, credentials: credentials, requestID: requestID, contentType: contentType))
        hasFramingNames = forwarded.contains { Self.isFraming($0.name) }
        writtenSize = measured()
    }

    /// The fields, in the order they are written.
    public var fields: HTTPFields {
        switch storage {
        case .fields(let fields):
            return fields
        case .parts(let parts):
            var headers = parts.forwarded
            headers.reserveCapacity(headers.count + 4)  // Credentials, the request id, Accept, Content-Type.
            parts.credentials.append(to: &headers)
            headers.append(HTTPField(name: RequestID.fieldName, value: parts.requestID))
            headers.append(.acceptJSON)
            if let contentType = parts.contentType { headers.append(.contentType(contentType)) }
            return headers
        }
    }

    /// Calls `body` with the name and value of every field written in a request's head, in ``fields``' order,
    /// with the values ``fields`` would hold; fields of the names the request's own framing replaces
    /// (`Content-Length`, `Transfer-Encoding`, `Host`) are left out.
    func forEachWritten(_ body: (_ name: String, _ value: String) -> Void) {
        switch storage {
        case .fields(let fields):
            forEachWritten(of: fields, body)
        case .parts(let parts):
            forEachWritten(of: parts.forwarded, body)
            parts.credentials.forEachField { name, value in body(name.rawName, Self.legal(value)) }
            body(RequestID.fieldName.rawName, Self.legal(parts.requestID))
            body(HTTPField.acceptJSON.name.rawName, HTTPField.acceptJSON.value)
            if let contentType = parts.contentType {
                body(HTTPField.Name.contentType.rawName, Self.legal(contentType))
            }
        }
    }

    private func measured() -> Int {
        var size = 0
        forEachWritten { name, value in size += name.utf8.count + 2 + value.utf8.count + 2 }
        return size
    }

    private func forEachWritten(of fields: HTTPFields, _ body: (_ name: String, _ value: String) -> Void) {
        for field in fields where !hasFramingNames || !Self.isFraming(field.name) {
            body(field.name.rawName, field.value)
        }
    }

    private static func isFraming(_ name: HTTPField.Name) -> Bool {
        name == .contentLength || name == .transferEncoding || name.canonicalName == "host"
    }

    /// `value` as an `HTTPField` holds it: itself when valid (nearly always), else as `HTTPField` legalizes it.
    ///
    /// Valid as `HTTPField` has it: field-value bytes only (``HTTPSyntax/isFieldValue(_:)``, eight at a time),
    /// neither beginning nor ending with SP or HTAB.
    private static func legal(_ value: String) -> String {
        let isValid =
            value.utf8.withContiguousStorageIfAvailable { bytes in
                guard let first = bytes.first, let last = bytes.last else { return true }
                return first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09
                    && HTTPSyntax.isFieldValue(UnsafeRawBufferPointer(bytes))
            } ?? HTTPField.isValidValue(value)
        return isValid ? value : HTTPField(name: .contentType, value: value).value
    }
}
