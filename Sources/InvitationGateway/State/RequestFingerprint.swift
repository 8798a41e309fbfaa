/// What an `Idempotency-Key` is bound to: a SHA-256 of the method, the path and the canonical body.
///
/// Hash the *canonical* body (`canonicalRequest.canonical.jsonBytes`), not the bytes on the wire, so two
/// requests that mean the same (other whitespace, other member order the dialect ignores) share a fingerprint.
///
/// ```swift
/// let fingerprint = RequestFingerprint(method: "POST", path: request.path, body: canonical.canonical.jsonBytes)
/// ```
public struct RequestFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// 64 lowercase hexadecimal digits.
    public let hex: String

    /// Fingerprints a request; method case is ignored, path and body are taken byte for byte.
    public init(method: String, path: String, body: some Sequence<UInt8>) {
        var hasher = SHA256()
        hasher.update(method.uppercased())
        hasher.update([0])
        hasher.update(path)
        hasher.update([0])
        hasher.update(body)
        hex = hasher.hexFinalize()
    }

    /// A fingerprint read back from storage.
    public init(hex: String) { self.hex = hex }

    public var description: String { hex }
}
