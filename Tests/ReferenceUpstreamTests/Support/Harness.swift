import Foundation
import InvitationCore

@testable import ReferenceUpstream

/// Demo tokens.
enum Token {
    static let admin = "demo-admin-token"
    static let member = "demo-member-token"
    static let invitee = "demo-invitee-token"
}

/// The demo organization as a caller names it.
let acme = Organization(id: "acme")

/// A reference service over the demo world (plus whatever `configure` adds) with a hand-moved clock.
struct Harness {
    let clock: TestClock
    let configuration: ReferenceConfiguration
    let service: ReferenceService

    init(
        storage: ReferenceStorage = .inMemory, clock: TestClock = TestClock(),
        configure: (inout ReferenceConfiguration) -> Void = { _ in }
    ) throws {
        var configuration = ReferenceConfiguration.demo
        configuration.now = { [clock] in clock.now }
        configure(&configuration)
        self.clock = clock
        self.configuration = configuration
        self.service = try ReferenceService(configuration: configuration, storage: storage)
    }
}

/// Request metadata carrying `token` as a Bearer token (or nothing).
func metadata(_ token: String?) -> RequestMetadata {
    RequestMetadata(requestID: "req-test", credentials: Credentials(authorization: token.map { "Bearer \($0)" }))
}

/// Shorthands that unwrap the expected response case.
extension ReferenceService {
    func create(
        _ input: CreateInvitationsInput, as token: String? = Token.admin
    ) async throws -> [BatchItemResult] {
        guard
            case .createInvitations(let output) = try await perform(
                .createInvitations(input), metadata: metadata(token))
        else { throw UnexpectedResponse() }
        return output.results
    }

    func invite(
        _ emails: [String], roles: [String] = ["member"], organization: Organization = acme,
        as token: String? = Token.admin
    ) async throws -> [BatchItemResult] {
        try await create(CreateInvitationsInput(organization: organization, emails: emails, roles: roles), as: token)
    }

    /// Invites one email and returns the invitation, failing unless it was created.
    func inviteOne(
        _ email: String, roles: [String] = ["member"], organization: Organization = acme,
        as token: String? = Token.admin
    ) async throws -> Invitation {
        let results = try await invite([email], roles: roles, organization: organization, as: token)
        guard results.count == 1, let invitation = results[0].invitation else { throw UnexpectedResponse() }
        return invitation
    }

    func get(
        _ id: String, organization: Organization = Organization(), email: String? = nil,
        as token: String? = Token.admin
    ) async throws -> Invitation {
        let input = GetInvitationInput(invitationID: id, organization: organization, email: email)
        guard case .getInvitation(let invitation) = try await perform(.getInvitation(input), metadata: metadata(token))
        else { throw UnexpectedResponse() }
        return invitation
    }

    func list(_ input: ListInvitationsInput, as token: String? = Token.admin) async throws -> InvitationPage {
        guard case .listInvitations(let page) = try await perform(.listInvitations(input), metadata: metadata(token))
        else { throw UnexpectedResponse() }
        return page
    }

    func listMine(
        email: String? = nil, status: InvitationStatus? = nil, as token: String? = Token.invitee
    ) async throws -> InvitationPage {
        let request = CanonicalRequest.listMyInvitations(ListMyInvitationsInput(email: email, status: status))
        guard case .listMyInvitations(let page) = try await perform(request, metadata: metadata(token))
        else { throw UnexpectedResponse() }
        return page
    }

    func respond(
        _ id: String, accept: Bool, as token: String? = Token.invitee
    ) async throws -> RespondToInvitationOutput {
        let request = CanonicalRequest.respondToInvitation(RespondToInvitationInput(invitationID: id, accept: accept))
        guard case .respondToInvitation(let output) = try await perform(request, metadata: metadata(token))
        else { throw UnexpectedResponse() }
        return output
    }

    func revoke(
        _ id: String, organization: Organization = Organization(), as token: String? = Token.admin
    ) async throws -> Invitation? {
        let request = CanonicalRequest.revokeInvitation(
            RevokeInvitationInput(invitationID: id, organization: organization))
        guard case .revokeInvitation(let output) = try await perform(request, metadata: metadata(token))
        else { throw UnexpectedResponse() }
        return output.invitation
    }
}

struct UnexpectedResponse: Error {}
