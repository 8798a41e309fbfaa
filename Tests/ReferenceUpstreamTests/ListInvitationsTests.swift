import InvitationCore
import Testing

@testable import ReferenceUpstream

@Suite("listInvitations")
struct ListInvitationsTests {
    /// Seven invitations a minute apart, the second and fifth revoked; their ids in creation order.
    func seed(_ harness: Harness) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<7 {
            ids.append(try #require(try await harness.service.inviteOne("user\(index)@example.com").id))
            harness.clock.advance(by: 60)
        }
        _ = try await harness.service.revoke(ids[1])
        _ = try await harness.service.revoke(ids[4])
        return ids
    }

    /// Follows `nextPageToken` to the end, returning the ids of each page.
    func pages(_ harness: Harness, status: InvitationStatus?, pageSize: Int?) async throws -> [[String]] {
        var pages: [[String]] = []
        var token: String?
        repeat {
            let page = try await harness.service.list(
                ListInvitationsInput(organization: acme, status: status, pageToken: token, pageSize: pageSize))
            pages.append(page.invitations.compactMap(\.id))
            token = page.nextPageToken
        } while token != nil && pages.count < 20
        return pages
    }

    @Test func pagesFollowCreationOrderWithStatusFilter() async throws {
        let harness = try Harness()
        let ids = try await seed(harness)
        let pending = try await pages(harness, status: .pending, pageSize: 2)
        #expect(pending == [[ids[0], ids[2]], [ids[3], ids[5]], [ids[6]]])
        let revoked = try await pages(harness, status: .revoked, pageSize: 2)
        #expect(revoked == [[ids[1], ids[4]]])
        let all = try await pages(harness, status: nil, pageSize: nil)
        #expect(all == [ids])
        let none = try await pages(harness, status: .accepted, pageSize: 3)
        #expect(none == [[]])
    }

    @Test func lastFullPageHasNoToken() async throws {
        let harness = try Harness()
        let ids = try await seed(harness)
        let page = try await harness.service.list(ListInvitationsInput(organization: acme, pageSize: 7))
        #expect(page.invitations.compactMap(\.id) == ids)
        #expect(page.nextPageToken == nil)
    }

    @Test func invitationsCreatedInTheSameMillisecondPageByID() async throws {
        let harness = try Harness()
        let results = try await harness.service.invite((0..<5).map { "same\($0)@example.com" })
        let ids = results.compactMap(\.invitation?.id).sorted()
        let all = try await pages(harness, status: .pending, pageSize: 2)
        #expect(all.flatMap { $0 } == ids)
    }

    @Test(arguments: ["garbage", "djE6MTIz", "%%%", "djI6MTIzOmFiYw"])
    func invalidPageTokenIsInvalidRequest(token: String) async throws {
        let harness = try Harness()
        let error = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.list(ListInvitationsInput(organization: acme, pageToken: token))
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.status == 400)
    }

    @Test(arguments: [0, -1, 501])
    func pageSizeOutOfRangeIsValidationFailed(size: Int) async throws {
        let harness = try Harness()
        let error = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.list(ListInvitationsInput(organization: acme, pageSize: size))
        }
        #expect(error?.code == .validationFailed)
        #expect(error?.fieldViolations.first?.location == "pageSize")
    }

    @Test func defaultAndMaximumPageSizes() async throws {
        let harness = try Harness { $0.maxBatchSize = 60 }
        _ = try await harness.service.invite((0..<55).map { "bulk\($0)@example.com" })
        let first = try await harness.service.list(ListInvitationsInput(organization: acme))
        #expect(first.invitations.count == 50)
        let rest = try await harness.service.list(
            ListInvitationsInput(organization: acme, pageToken: first.nextPageToken))
        #expect(rest.invitations.count == 5)
        #expect(rest.nextPageToken == nil)
        let big = try await harness.service.list(ListInvitationsInput(organization: acme, pageSize: 500))
        #expect(big.invitations.count == 55)
    }

    @Test func onlyAdminsMayList() async throws {
        let harness = try Harness()
        let error = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.list(ListInvitationsInput(organization: acme), as: Token.member)
        }
        #expect(error?.code == .permissionDenied)
        let unknown = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.list(ListInvitationsInput(organization: Organization(id: "nope")))
        }
        #expect(unknown?.code == .notFound)
    }
}
