import InvitationCore

/// The expected outcome of every caller → upstream pair of ``DialectSamples`` (reviewed by hand): the exact
/// request the upstream received (nil when the gateway refused before sending) and the exact answer.
///
/// Regenerate after a mapping change only after reviewing each difference.
enum TranslationExpectations {
    struct Expected: Sendable {
        var sent: (method: String, target: String, body: String)?
        var status: Int
        var body: String
    }

    static let table: [String: Expected] = [
        #"inkeep → dreadnode: createInvitations"#: Expected(
            sent: (#"POST"#, #"/api/v1/org/acme/invitations"#, #"{"email":"new@example.com","role":"member"}"#),
            status: 200,
            body:
                #"{"data":[{"email":"new@example.com","status":"success","id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01"}]}"#
        ),
        #"inkeep → zenml: getInvitation"#: Expected(
            sent: (#"GET"#, #"/invitations/3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01"#, #""#),
            status: 200,
            body:
                #"{"id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01","expiresAt":"2026-12-01T00:00:00Z","organizationName":"Acme Inc."}"#
        ),
        #"inkeep → zenml: listMyInvitations"#: Expected(
            sent: (#"GET"#, #"/invitations"#, #""#),
            status: 200,
            body:
                #"[{"id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01","expiresAt":"2026-12-01T00:00:00Z","organizationName":"Acme Inc."}]"#
        ),
        #"inkeep → zenml: respondToInvitation"#: Expected(
            sent: (#"POST"#, #"/invitations/3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01?accept=true"#, #""#),
            status: 200, body: #"{"member":{"organizationId":"5b8f0e3c-2d7a-4c1e-9f4b-6a2d8c3e1f70"}}"#),
        #"inkeep → k0rdent: createInvitations"#: Expected(
            sent: (
                #"POST"#, #"/v1/regions/global/organizations/acme/invitations"#,
                #"{"email":"new@example.com","roles":["member"]}"#
            ),
            status: 200,
            body:
                #"{"data":[{"email":"new@example.com","status":"success","id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01"}]}"#
        ),
        #"inkeep → k0rdent: listInvitations"#: Expected(
            sent: (#"GET"#, #"/v1/regions/global/organizations/acme/invitations"#, #""#),
            status: 200,
            body:
                #"[{"id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01","email":"new@example.com","role":"member","status":"pending","expiresAt":"2026-12-01T00:00:00Z","createdAt":"2026-11-24T00:00:00Z"}]"#
        ),
        #"inkeep → k0rdent: revokeInvitation"#: Expected(
            sent: nil,
            status: 422,
            body:
                #"{"code":"unprocessable_entity","detail":"The upstream's k0rdent dialect needs organization.id, which the request does not give.","instance":"/api/auth/organization/cancel-invitation","requestId":"matrix-request","status":422,"title":"Unprocessable Entity","error":{"code":"unprocessable_entity","message":"The upstream's k0rdent dialect needs organization.id, which the request does not give."}}"#
        ),
        #"dreadnode → inkeep: createInvitations"#: Expected(
            sent: (
                #"POST"#, #"/manage/api/invitations"#,
                #"{"emails":["new@example.com"],"organizationId":"acme","role":"member"}"#
            ),
            status: 200, body: #"{"id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01","email":"new@example.com"}"#),
        #"dreadnode → k0rdent: createInvitations"#: Expected(
            sent: (
                #"POST"#, #"/v1/regions/global/organizations/acme/invitations"#,
                #"{"email":"new@example.com","roles":["member"]}"#
            ),
            status: 200,
            body:
                #"{"id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01","email":"new@example.com","role":"member","status":"pending","created_at":"2026-11-24T00:00:00Z","expires_at":"2026-12-01T00:00:00Z"}"#
        ),
        #"zenml → inkeep: getInvitation"#: Expected(
            sent: (#"GET"#, #"/api/auth/organization/get-invitation?id=3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01"#, #""#),
            status: 200,
            body:
                #"{"id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01","organization_name":"Acme Inc.","expiration_date":"2026-12-01T00:00:00Z"}"#
        ),
        #"zenml → inkeep: listMyInvitations"#: Expected(
            sent: (#"GET"#, #"/api/auth/organization/list-user-invitations"#, #""#),
            status: 200,
            body:
                #"[{"id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01","organization_name":"Acme Inc.","expiration_date":"2026-12-01T00:00:00Z"}]"#
        ),
        #"zenml → inkeep: respondToInvitation"#: Expected(
            sent: (
                #"POST"#, #"/api/auth/organization/accept-invitation"#,
                #"{"invitationId":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01"}"#
            ),
            status: 200, body: #""acme""#),
        #"k0rdent → inkeep: createInvitations"#: Expected(
            sent: (
                #"POST"#, #"/manage/api/invitations"#,
                #"{"emails":["new@example.com"],"organizationId":"acme","role":"member"}"#
            ),
            status: 201, body: #"{"id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01","email":"new@example.com"}"#),
        #"k0rdent → inkeep: listInvitations"#: Expected(
            sent: (#"GET"#, #"/api/auth/organization/list-invitations?organizationId=acme"#, #""#),
            status: 200,
            body:
                #"{"invitations":[{"id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01","email":"new@example.com","roles":["member"],"status":"pending","createdAt":"2026-11-24T00:00:00Z","expiresAt":"2026-12-01T00:00:00Z"}]}"#
        ),
        #"k0rdent → inkeep: revokeInvitation"#: Expected(
            sent: (
                #"POST"#, #"/api/auth/organization/cancel-invitation"#,
                #"{"invitationId":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01"}"#
            ),
            status: 204, body: #""#),
        #"k0rdent → dreadnode: createInvitations"#: Expected(
            sent: (#"POST"#, #"/api/v1/org/acme/invitations"#, #"{"email":"new@example.com","role":"member"}"#),
            status: 201,
            body:
                #"{"id":"3f2b6c1e-7a1d-4c55-9b7e-2f0c8d9e1a01","email":"new@example.com","roles":["member"],"status":"pending","createdAt":"2026-11-24T00:00:00Z","expiresAt":"2026-12-01T00:00:00Z"}"#
        ),
        #"inkeep → dreadnode: getInvitation"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":"internal_server_error","detail":"Not Implemented","instance":"/api/auth/organization/get-invitation","requestId":"matrix-request","status":501,"title":"Not Implemented","error":{"code":"internal_server_error","message":"The upstream speaks the dreadnode dialect, which has no getInvitation operation."}}"#
        ),
        #"inkeep → dreadnode: listInvitations"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":"internal_server_error","detail":"Not Implemented","instance":"/api/auth/organization/list-invitations","requestId":"matrix-request","status":501,"title":"Not Implemented","error":{"code":"internal_server_error","message":"The upstream speaks the dreadnode dialect, which has no listInvitations operation."}}"#
        ),
        #"inkeep → dreadnode: listMyInvitations"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":"internal_server_error","detail":"Not Implemented","instance":"/api/auth/organization/list-user-invitations","requestId":"matrix-request","status":501,"title":"Not Implemented","error":{"code":"internal_server_error","message":"The upstream speaks the dreadnode dialect, which has no listMyInvitations operation."}}"#
        ),
        #"inkeep → dreadnode: respondToInvitation"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":"internal_server_error","detail":"Not Implemented","instance":"/api/auth/organization/accept-invitation","requestId":"matrix-request","status":501,"title":"Not Implemented","error":{"code":"internal_server_error","message":"The upstream speaks the dreadnode dialect, which has no respondToInvitation operation."}}"#
        ),
        #"inkeep → dreadnode: revokeInvitation"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":"internal_server_error","detail":"Not Implemented","instance":"/api/auth/organization/cancel-invitation","requestId":"matrix-request","status":501,"title":"Not Implemented","error":{"code":"internal_server_error","message":"The upstream speaks the dreadnode dialect, which has no revokeInvitation operation."}}"#
        ),
        #"inkeep → zenml: createInvitations"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":"internal_server_error","detail":"Not Implemented","instance":"/manage/api/invitations","requestId":"matrix-request","status":501,"title":"Not Implemented","error":{"code":"internal_server_error","message":"The upstream speaks the zenml dialect, which has no createInvitations operation."}}"#
        ),
        #"inkeep → zenml: listInvitations"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":"internal_server_error","detail":"Not Implemented","instance":"/api/auth/organization/list-invitations","requestId":"matrix-request","status":501,"title":"Not Implemented","error":{"code":"internal_server_error","message":"The upstream speaks the zenml dialect, which has no listInvitations operation."}}"#
        ),
        #"inkeep → zenml: revokeInvitation"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":"internal_server_error","detail":"Not Implemented","instance":"/api/auth/organization/cancel-invitation","requestId":"matrix-request","status":501,"title":"Not Implemented","error":{"code":"internal_server_error","message":"The upstream speaks the zenml dialect, which has no revokeInvitation operation."}}"#
        ),
        #"inkeep → k0rdent: getInvitation"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":"internal_server_error","detail":"Not Implemented","instance":"/api/auth/organization/get-invitation","requestId":"matrix-request","status":501,"title":"Not Implemented","error":{"code":"internal_server_error","message":"The upstream speaks the k0rdent dialect, which has no getInvitation operation."}}"#
        ),
        #"inkeep → k0rdent: listMyInvitations"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":"internal_server_error","detail":"Not Implemented","instance":"/api/auth/organization/list-user-invitations","requestId":"matrix-request","status":501,"title":"Not Implemented","error":{"code":"internal_server_error","message":"The upstream speaks the k0rdent dialect, which has no listMyInvitations operation."}}"#
        ),
        #"inkeep → k0rdent: respondToInvitation"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":"internal_server_error","detail":"Not Implemented","instance":"/api/auth/organization/accept-invitation","requestId":"matrix-request","status":501,"title":"Not Implemented","error":{"code":"internal_server_error","message":"The upstream speaks the k0rdent dialect, which has no respondToInvitation operation."}}"#
        ),
        #"dreadnode → zenml: createInvitations"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"code":501,"detail":"The upstream speaks the zenml dialect, which has no createInvitations operation.","type":"not_implemented_error"}"#
        ),
        #"zenml → dreadnode: getInvitation"#: Expected(
            sent: nil,
            status: 501,
            body: #"{"detail":"The upstream speaks the dreadnode dialect, which has no getInvitation operation."}"#),
        #"zenml → dreadnode: listMyInvitations"#: Expected(
            sent: nil,
            status: 501,
            body: #"{"detail":"The upstream speaks the dreadnode dialect, which has no listMyInvitations operation."}"#),
        #"zenml → dreadnode: respondToInvitation"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"detail":"The upstream speaks the dreadnode dialect, which has no respondToInvitation operation."}"#),
        #"zenml → k0rdent: getInvitation"#: Expected(
            sent: nil,
            status: 501,
            body: #"{"detail":"The upstream speaks the k0rdent dialect, which has no getInvitation operation."}"#),
        #"zenml → k0rdent: listMyInvitations"#: Expected(
            sent: nil,
            status: 501,
            body: #"{"detail":"The upstream speaks the k0rdent dialect, which has no listMyInvitations operation."}"#),
        #"zenml → k0rdent: respondToInvitation"#: Expected(
            sent: nil,
            status: 501,
            body: #"{"detail":"The upstream speaks the k0rdent dialect, which has no respondToInvitation operation."}"#),
        #"k0rdent → dreadnode: listInvitations"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"error":{"code":501,"message":"The upstream speaks the dreadnode dialect, which has no listInvitations operation.","details":[]}}"#
        ),
        #"k0rdent → dreadnode: revokeInvitation"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"error":{"code":501,"message":"The upstream speaks the dreadnode dialect, which has no revokeInvitation operation.","details":[]}}"#
        ),
        #"k0rdent → zenml: createInvitations"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"error":{"code":501,"message":"The upstream speaks the zenml dialect, which has no createInvitations operation.","details":[]}}"#
        ),
        #"k0rdent → zenml: listInvitations"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"error":{"code":501,"message":"The upstream speaks the zenml dialect, which has no listInvitations operation.","details":[]}}"#
        ),
        #"k0rdent → zenml: revokeInvitation"#: Expected(
            sent: nil,
            status: 501,
            body:
                #"{"error":{"code":501,"message":"The upstream speaks the zenml dialect, which has no revokeInvitation operation.","details":[]}}"#
        ),
    ]
}
