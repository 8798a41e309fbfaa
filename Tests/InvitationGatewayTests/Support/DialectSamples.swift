import HTTPTypes
import InvitationCore
import InvitationGatewayTesting
import Testing

/// Sample traffic per dialect and operation: what a caller sends, and what an upstream answers.
///
/// Every caller sample carries the same canonical content for its operation (one email `new@example.com`,
/// role `member`, organization `acme`, invitation `invitationID`), so what an upstream receives depends only
/// on the upstream's dialect.
enum DialectSamples {
    static let invitationID = "3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01"
    static let organizationUUID = "5b8f0e3c-2d7a-4c1e-9f4b-6a2d8c3e1f70"
    static let dialects = ["inkeep", "dreadnode", "zenml", "k0rdent"]

    /// A caller's request for an operation in a dialect, or nil when the dialect has no route for it.
    static func caller(_ dialect: String, _ operation: OperationName) -> CallerRequest? {
        let auth: HTTPFields = [
            .authorization: "Bearer caller-token", HTTPField.Name("X-Request-Id")!: "matrix-request",
        ]
        switch (dialect, operation) {
        case ("inkeep", .createInvitations):
            return CallerRequest(
                method: .post, target: "/manage/api/invitations",
                body: #"{"emails":["new@example.com"],"organizationId":"acme","role":"member"}"#, headers: auth)
        case ("inkeep", .getInvitation):
            return CallerRequest(
                method: .get, target: "/api/auth/organization/get-invitation?id=\(invitationID)", headers: auth)
        case ("inkeep", .listInvitations):
            return CallerRequest(
                method: .get, target: "/api/auth/organization/list-invitations?organizationId=acme", headers: auth)
        case ("inkeep", .listMyInvitations):
            return CallerRequest(method: .get, target: "/api/auth/organization/list-user-invitations", headers: auth)
        case ("inkeep", .respondToInvitation):
            return CallerRequest(
                method: .post, target: "/api/auth/organization/accept-invitation",
                body: #"{"invitationId":"\#(invitationID)"}"#,
                headers: auth)
        case ("inkeep", .revokeInvitation):
            return CallerRequest(
                method: .post, target: "/api/auth/organization/cancel-invitation",
                body: #"{"invitationId":"\#(invitationID)"}"#,
                headers: auth)
        case ("dreadnode", .createInvitations):
            return CallerRequest(
                method: .post, target: "/api/v1/org/acme/invitations",
                body: #"{"email":"new@example.com","role":"member"}"#,
                headers: auth)
        case ("k0rdent", .createInvitations):
            return CallerRequest(
                method: .post, target: "/v1/regions/global/organizations/acme/invitations",
                body: #"{"email":"new@example.com","roles":["member"]}"#, headers: auth)
        case ("k0rdent", .listInvitations):
            return CallerRequest(
                method: .get, target: "/v1/regions/global/organizations/acme/invitations", headers: auth)
        case ("k0rdent", .revokeInvitation):
            return CallerRequest(
                method: .delete,
                target: "/v1/regions/global/organizations/acme/invitations?invitationId=\(invitationID)",
                headers: auth)
        case ("zenml", .listMyInvitations):
            return CallerRequest(method: .get, target: "/invitations", headers: auth)
        case ("zenml", .getInvitation):
            return CallerRequest(method: .get, target: "/invitations/\(invitationID)", headers: auth)
        case ("zenml", .respondToInvitation):
            return CallerRequest(method: .post, target: "/invitations/\(invitationID)?accept=true", headers: auth)
        default:
            return nil
        }
    }

    static let inkeepInvitation =
        #"{"id":"\#(invitationID)","organizationId":"acme","email":"new@example.com","role":"member","status":"pending","expiresAt":"2026-12-01T00:00:00Z","createdAt":"2026-11-24T00:00:00Z","inviterId":"ada","organizationName":"Acme Inc.","inviterEmail":"ada@acme.example"}"#
    static let k0rdentInvitation =
        #"{"id":"\#(invitationID)","email":"new@example.com","roles":["member"],"groups":[],"status":"pending","createdAt":"2026-11-24T00:00:00Z","expiresAt":"2026-12-01T00:00:00Z"}"#
    static let zenmlInvitation =
        #"{"id":"\#(invitationID)","organization_name":"Acme Inc.","organization_logo_url":"https://acme.example/logo.png","organization_member_count":2,"inviting_user_name":"Ada Admin","expiration_date":"2026-12-01T00:00:00Z"}"#

    /// An upstream's canned success answer for an operation (method and path of the route it serves).
    static func upstream(_ dialect: String, _ operation: OperationName) -> (
        method: String, path: String, answer: StubResponse
    )? {
        switch (dialect, operation) {
        case ("inkeep", .createInvitations):
            return (
                "POST", "/manage/api/invitations",
                .json(#"{"data":[{"email":"new@example.com","status":"success","id":"\#(invitationID)"}]}"#)
            )
        case ("inkeep", .getInvitation):
            return ("GET", "/api/auth/organization/get-invitation", .json(inkeepInvitation))
        case ("inkeep", .listInvitations):
            return ("GET", "/api/auth/organization/list-invitations", .json("[\(inkeepInvitation)]"))
        case ("inkeep", .listMyInvitations):
            return ("GET", "/api/auth/organization/list-user-invitations", .json("[\(inkeepInvitation)]"))
        case ("inkeep", .respondToInvitation):
            return (
                "POST", "/api/auth/organization/accept-invitation",
                .json(#"{"invitation":\#(inkeepInvitation),"member":{"organizationId":"acme","role":"member"}}"#)
            )
        case ("inkeep", .revokeInvitation):
            return ("POST", "/api/auth/organization/cancel-invitation", .json(inkeepInvitation))
        case ("dreadnode", .createInvitations):
            return (
                "POST", "/api/v1/org/acme/invitations",
                .json(
                    #"{"id":"\#(invitationID)","organization_slug":"acme","email":"new@example.com","role":"member","status":"pending","created_at":"2026-11-24T00:00:00Z","expires_at":"2026-12-01T00:00:00Z","email_sent":true}"#
                )
            )
        case ("k0rdent", .createInvitations):
            return ("POST", "/v1/regions/global/organizations/acme/invitations", .json(k0rdentInvitation, status: 201))
        case ("k0rdent", .listInvitations):
            return (
                "GET", "/v1/regions/global/organizations/acme/invitations",
                .json(#"{"invitations":[\#(k0rdentInvitation)],"nextPageToken":"page-2"}"#)
            )
        case ("k0rdent", .revokeInvitation):
            return ("DELETE", "/v1/regions/global/organizations/acme/invitations", .answer(204))
        case ("zenml", .listMyInvitations):
            return ("GET", "/invitations", .json("[\(zenmlInvitation)]"))
        case ("zenml", .getInvitation):
            return ("GET", "/invitations/\(invitationID)", .json(zenmlInvitation))
        case ("zenml", .respondToInvitation):
            return ("POST", "/invitations/\(invitationID)", .json(#""\#(organizationUUID)""#))
        default:
            return nil
        }
    }

    /// Every (caller, upstream, operation) both sides carry, callers and upstreams in different dialects.
    static var pairs: [TranslationPair] {
        var pairs: [TranslationPair] = []
        for caller in dialects {
            for upstream in dialects where upstream != caller {
                for operation in OperationName.allCases
                where Self.caller(caller, operation) != nil && Self.upstream(upstream, operation) != nil {
                    pairs.append(TranslationPair(caller: caller, upstream: upstream, operation: operation))
                }
            }
        }
        return pairs
    }

    /// Pairs whose caller has the operation and whose upstream lacks it (501).
    static var unsupportedPairs: [TranslationPair] {
        var pairs: [TranslationPair] = []
        for caller in dialects {
            for upstream in dialects where upstream != caller {
                for operation in OperationName.allCases
                where Self.caller(caller, operation) != nil && Self.upstream(upstream, operation) == nil {
                    pairs.append(TranslationPair(caller: caller, upstream: upstream, operation: operation))
                }
            }
        }
        return pairs
    }
}

/// A caller dialect, an upstream dialect and an operation.
struct TranslationPair: Sendable, CustomTestStringConvertible {
    var caller: String
    var upstream: String
    var operation: OperationName
    var testDescription: String { "\(caller) → \(upstream): \(operation.rawValue)" }
}
