import HTTPTypes
import HummingbirdTesting
import InvitationCore
import NIOCore

/// Speaks one caller dialect to a gateway in a test: builds each operation's request and reads the answer.
struct DialectClient {
    let dialect: String
    let client: any TestClientProtocol
    static let organization = "acme"
    static let admin = "demo-admin-token"
    static let invitee = "demo-invitee-token"
    static let inviteeEmail = "ivy@example.com"

    /// One exchange's outcome.
    struct Answer {
        let status: Int
        let json: JSONValue?
        let text: String
    }

    /// The operations this caller dialect has a route for.
    func has(_ operation: OperationName) -> Bool {
        switch (dialect, operation) {
        case ("inkeep", _): return true
        case ("dreadnode", .createInvitations): return true
        case ("zenml", .listMyInvitations), ("zenml", .getInvitation), ("zenml", .respondToInvitation): return true
        case ("k0rdent", .createInvitations), ("k0rdent", .listInvitations), ("k0rdent", .revokeInvitation): return true
        default: return false
        }
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, token: String, body: String? = nil) async throws -> Answer {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await client.executeRequest(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let bytes = Array(response.body.readableBytesView)
        return Answer(
            status: Int(response.status.code), json: try? JSONParser.parse(bytes),
            text: String(decoding: bytes, as: UTF8.self))
    }

    /// Invites `email`; the answer and the new invitation's id when it succeeded.
    func create(email: String) async throws -> (Answer, String?) {
        let org = Self.organization
        switch dialect {
        case "inkeep":
            let answer = try await send(
                .post, "/manage/api/invitations", token: Self.admin,
                body: #"{"emails":["\#(email)"],"organizationId":"\#(org)","role":"member"}"#)
            let item = answer.json?["data"]?.arrayValue?.first
            return (answer, item?["status"]?.stringValue == "success" ? item?["id"]?.stringValue : nil)
        case "dreadnode":
            let answer = try await send(
                .post, "/api/v1/org/\(org)/invitations", token: Self.admin,
                body: #"{"email":"\#(email)","role":"member"}"#)
            return (answer, answer.json?["id"]?.stringValue)
        case "k0rdent":
            let answer = try await send(
                .post, "/v1/regions/global/organizations/\(org)/invitations", token: Self.admin,
                body: #"{"email":"\#(email)","roles":["member"]}"#)
            return (answer, answer.json?["id"]?.stringValue)
        default:
            fatalError("\(dialect) has no create")
        }
    }

    /// Lists the organization's invitations; the emails listed.
    func list() async throws -> (Answer, [String]) {
        switch dialect {
        case "inkeep":
            let answer = try await send(
                .get, "/api/auth/organization/list-invitations?organizationId=\(Self.organization)", token: Self.admin)
            return (answer, answer.json?.arrayValue?.compactMap { $0["email"]?.stringValue } ?? [])
        case "k0rdent":
            let answer = try await send(
                .get, "/v1/regions/global/organizations/\(Self.organization)/invitations", token: Self.admin)
            return (answer, answer.json?["invitations"]?.arrayValue?.compactMap { $0["email"]?.stringValue } ?? [])
        default:
            fatalError("\(dialect) has no list")
        }
    }

    /// Lists the invitee's own pending invitations; their ids.
    func listMine() async throws -> (Answer, [String]) {
        switch dialect {
        case "inkeep":
            let answer = try await send(.get, "/api/auth/organization/list-user-invitations", token: Self.invitee)
            return (answer, answer.json?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
        case "zenml":
            let answer = try await send(.get, "/invitations", token: Self.invitee)
            return (answer, answer.json?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
        default:
            fatalError("\(dialect) has no list-mine")
        }
    }

    /// Reads one invitation; the id it shows.
    func get(_ id: String) async throws -> (Answer, String?) {
        switch dialect {
        case "inkeep":
            let answer = try await send(.get, "/api/auth/organization/get-invitation?id=\(id)", token: Self.admin)
            return (answer, answer.json?["id"]?.stringValue)
        case "zenml":
            let answer = try await send(.get, "/invitations/\(id)", token: Self.invitee)
            return (answer, answer.json?["id"]?.stringValue)
        default:
            fatalError("\(dialect) has no get")
        }
    }

    /// Accepts as the invitee.
    func accept(_ id: String) async throws -> Answer {
        switch dialect {
        case "inkeep":
            return try await send(
                .post, "/api/auth/organization/accept-invitation", token: Self.invitee,
                body: #"{"invitationId":"\#(id)"}"#)
        case "zenml":
            return try await send(.post, "/invitations/\(id)?accept=true", token: Self.invitee)
        default:
            fatalError("\(dialect) has no respond")
        }
    }

    /// Revokes as the admin.
    func revoke(_ id: String) async throws -> Answer {
        switch dialect {
        case "inkeep":
            return try await send(
                .post, "/api/auth/organization/cancel-invitation", token: Self.admin,
                body: #"{"invitationId":"\#(id)"}"#)
        case "k0rdent":
            return try await send(
                .delete, "/v1/regions/global/organizations/\(Self.organization)/invitations?invitationId=\(id)",
                token: Self.admin)
        default:
            fatalError("\(dialect) has no revoke")
        }
    }
}
