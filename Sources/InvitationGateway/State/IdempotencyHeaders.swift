import InvitationCore

/// The header names of idempotent requests, and the rule for a valid key.
public enum IdempotencyHeaders {
    /// The request header carrying the key.
    public static let key = "Idempotency-Key"
    /// The response header set to `true` on a replayed answer.
    public static let replayed = "Idempotent-Replayed"
    /// The longest key accepted, in bytes.
    public static let maximumKeyLength = 255

    /// The key of an `Idempotency-Key` header value, or nil when there is none.
    ///
    /// Surrounding spaces are trimmed. Throws 400 ``IdempotencyErrors/invalidKey(_:)`` when the key is
    /// empty, longer than ``maximumKeyLength`` or not printable ASCII.
    public static func validatedKey(_ value: String?) throws(GatewayError) -> String? {
        guard let value else { return nil }
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let key = String(value.drop(while: blank).reversed().drop(while: blank).reversed())
        if key.isEmpty { throw IdempotencyErrors.invalidKey("is empty") }
        if key.utf8.count > maximumKeyLength {
            throw IdempotencyErrors.invalidKey("is longer than \(maximumKeyLength) characters")
        }
        if !key.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) {
            throw IdempotencyErrors.invalidKey("may hold only printable ASCII characters without spaces")
        }
        return key
    }
}
