import Foundation
import HTTPTypes
import InvitationCore

/// What a batch create does when some of its emails fail.
///
/// Per request, the header `X-Batch-Mode: all-or-nothing` (or `best-effort`) chooses; without it, the
/// upstream's config key `upstreams[i].batchMode` (default `best-effort`) does.
public enum BatchMode: String, Sendable, Hashable, CaseIterable {
    /// Each email stands alone: the ones that worked stay created, the others carry their error.
    case bestEffort = "best-effort"
    /// A failed email makes the gateway revoke every invitation the batch created; those items report
    /// `compensated: true` (revoked) or `false` (the revoke failed too: an orphan may exist).
    case allOrNothing = "all-or-nothing"

    /// The request header choosing the mode for one request.
    public static let headerName = HTTPField.Name("X-Batch-Mode")!

    /// The mode a request asks for, or nil without the header; 400 naming the header for any other value.
    public static func requested(in headers: HTTPFields) throws(GatewayError) -> BatchMode? {
        try requested(value: headers[headerName])
    }

    /// ``requested(in:)`` given the header's value (nil without the header).
    static func requested(value: String?) throws(GatewayError) -> BatchMode? {
        guard let value else { return nil }
        let word = value.trimmingCharacters(in: .whitespaces).lowercased()
        guard let mode = BatchMode(rawValue: word) else {
            throw GatewayError(
                code: .invalidRequest,
                message: "X-Batch-Mode must be all-or-nothing or best-effort.",
                fieldViolations: [
                    FieldViolation(
                        location: "header.X-Batch-Mode", message: "expected all-or-nothing or best-effort", type: "enum"
                    )
                ])
        }
        return mode
    }
}
