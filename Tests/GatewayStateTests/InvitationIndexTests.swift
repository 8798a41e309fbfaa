import Foundation
import InvitationCore
import InvitationGateway
import Testing

@Suite struct InvitationIndexTests {
    let t0 = Fixtures.t0

    @Test(arguments: [
        ("497F6ECA-6276-4993-BFEB-53CBBBBA6F08", "497f6eca-6276-4993-bfeb-53cbbbba6f08"),
        ("497f6eca-6276-4993-bfeb-53cbbbba6f08", "497f6eca-6276-4993-bfeb-53cbbbba6f08"),
        ("497f6eca-6276-4993-BFEB-53cbbbba6f08", "497f6eca-6276-4993-bfeb-53cbbbba6f08"),
        ("INV-ABC", "INV-ABC"),
        ("497F6ECA_6276-4993-BFEB-53CBBBBA6F08", "497F6ECA_6276-4993-BFEB-53CBBBBA6F08"),
        ("497F6ECA-6276-4993-BFEB-53CBBBBA6F0G", "497F6ECA-6276-4993-BFEB-53CBBBBA6F0G"),
        ("497F6ECA-6276-4993-BFEB-53CBBBBA6F0-", "497F6ECA-6276-4993-BFEB-53CBBBBA6F0-"),
        ("497F6ECA62764-993-BFEB-53CBBBBA6F08", "497F6ECA62764-993-BFEB-53CBBBBA6F08"),
        ("12345678-1234-1234-1234-123456789012", "12345678-1234-1234-1234-123456789012"),
        ("497F6ECA-6276-4993-BFEB-53CBBBBA6F08x", "497F6ECA-6276-4993-BFEB-53CBBBBA6F08x"),
        ("497F6ECA-6276-4993-BFEB-53CBBBBA6F\u{E9}", "497F6ECA-6276-4993-BFEB-53CBBBBA6F\u{E9}"),
        ("", ""),
    ])
    func uuidsAreIndexedInLowercaseAndOtherIdsAsGiven(id: String, indexed: String) {
        #expect(InvitationIndexEntry.normalizedID(id) == indexed)
    }

    @Test(arguments: InvitationIndexKind.allCases)
    func recordedInvitationsRouteToTheirUpstream(kind: InvitationIndexKind) async throws {
        let index = try kind.make()
        let acme = Organization(
            id: "acme", slug: "acme-inc", uuid: "0b5c5f5e-8f4e-4b8e-9d55-2d3f0c1a9e11", name: "Acme")
        try await index.record(
            [Invitation(id: "inv-1", organization: acme, email: "a@x.io"), Invitation(email: "no-id@x.io")],
            upstream: "k0rdent", now: t0)
        try await index.record([Invitation(id: "inv-2")], upstream: "zenml", now: t0)
        #expect(try await index.upstream(for: "inv-1") == "k0rdent")
        #expect(try await index.upstream(for: "inv-2") == "zenml")
        #expect(try await index.upstream(for: "unknown") == nil)
        let entry = try #require(try await index.entry(for: "inv-1"))
        #expect(entry.organization == Organization(id: "acme", slug: "acme-inc", uuid: acme.uuid, name: "Acme"))
        #expect(entry.recordedAt == t0)
    }

    @Test(arguments: InvitationIndexKind.allCases)
    func uuidIDsMatchInAnyCaseOtherIDsExactly(kind: InvitationIndexKind) async throws {
        let index = try kind.make()
        try await index.record(
            [Invitation(id: "6F1C2A3B-4D5E-4F60-8172-93A4B5C6D7E8"), Invitation(id: "AbC")], upstream: "main", now: t0)
        #expect(try await index.upstream(for: "6f1c2a3b-4d5e-4f60-8172-93a4b5c6d7e8") == "main")
        #expect(try await index.upstream(for: "6F1C2A3B-4D5E-4F60-8172-93A4B5C6D7E8") == "main")
        #expect(try await index.upstream(for: "AbC") == "main")
        #expect(try await index.upstream(for: "abc") == nil)
    }

    @Test(arguments: InvitationIndexKind.allCases)
    func aLaterSightingWinsAndKeepsKnownIdentifiers(kind: InvitationIndexKind) async throws {
        let index = try kind.make()
        try await index.record(
            [Invitation(id: "inv-1", organization: Organization(id: "acme", slug: "acme"))], upstream: "a", now: t0)
        try await index.record(
            [Invitation(id: "inv-1", organization: Organization(name: "Acme"))], upstream: "b", now: t0 + 5)
        let entry = try #require(try await index.entry(for: "inv-1"))
        #expect(entry.upstream == "b")
        #expect(entry.organization == Organization(id: "acme", slug: "acme", name: "Acme"))
        #expect(entry.recordedAt == t0 + 5)
    }

    @Test(arguments: InvitationIndexKind.allCases)
    func everyResponseKindIsRecorded(kind: InvitationIndexKind) async throws {
        let index = try kind.make()
        let created = CanonicalResponse.createInvitations(
            CreateInvitationsOutput(results: [
                Fixtures.created(0, email: "a@x.io"), Fixtures.failed("b@x.io"),
            ]))
        try await index.record(created, upstream: "one", now: t0)
        try await index.record(
            .listMyInvitations(InvitationPage(invitations: [Invitation(id: "mine-1"), Invitation(id: "mine-2")])),
            upstream: "two", organization: Organization(name: "Zen"), now: t0)
        try await index.record(.getInvitation(Invitation(id: "got")), upstream: "three", now: t0)
        try await index.record(.revokeInvitation(RevokeInvitationOutput()), upstream: "four", now: t0)
        #expect(try await index.upstream(for: "inv-0") == "one")
        #expect(try await index.upstream(for: "mine-2") == "two")
        #expect(try await index.entry(for: "mine-1")?.organization.name == "Zen")
        #expect(try await index.upstream(for: "got") == "three")
    }

    /// The in-memory index reads a response's invitations where they are (`recordNow(carriedBy:...)`): it records
    /// what recording the collected invitations does, organizations inherited and merged alike.
    @Test(arguments: [nil, Organization(id: "acme", slug: "acme-slug")])
    func recordingInPlaceRecordsWhatTheCollectedInvitationsDo(organization: Organization?) async throws {
        let zen = Organization(name: "Zen")
        let responses: [CanonicalResponse] = [
            .createInvitations(
                CreateInvitationsOutput(results: [
                    Fixtures.created(0, email: "a@x.io"), Fixtures.failed("b@x.io"),
                    .success(Invitation(id: "inv-9", organization: zen), email: "c@x.io"),
                    .success(Invitation(email: "no-id@x.io"), email: "no-id@x.io"),
                ])),
            .listInvitations(
                InvitationPage(invitations: [
                    Invitation(id: "497F6ECA-6276-4993-BFEB-53CBBBBA6F08"), Invitation(id: "dup", organization: zen),
                    Invitation(id: "dup", organization: Organization(uuid: "u-1")),
                ])),
            .listMyInvitations(InvitationPage(invitations: [Invitation(id: "mine")])),
            .getInvitation(Invitation(id: "got", organization: zen)),
            .respondToInvitation(RespondToInvitationOutput(accepted: true, invitation: Invitation(id: "answered"))),
            .revokeInvitation(RevokeInvitationOutput(invitation: Invitation(id: "revoked"))),
            .revokeInvitation(RevokeInvitationOutput()),
        ]
        let inPlace = InMemoryInvitationIndex()
        let collected = InMemoryInvitationIndex()
        for (offset, response) in responses.enumerated() {
            inPlace.recordNow(carriedBy: response, upstream: "u\(offset)", organization: organization, now: t0)
            try await collected.record(response, upstream: "u\(offset)", organization: organization, now: t0)
        }
        let byID = { (index: InMemoryInvitationIndex) in index.allEntries.sorted { $0.invitationID < $1.invitationID } }
        #expect(byID(inPlace) == byID(collected))
        #expect(byID(inPlace).count == 8)
    }

    @Test(arguments: InvitationIndexKind.allCases)
    func oldEntriesCanBeForgotten(kind: InvitationIndexKind) async throws {
        let index = try kind.make()
        try await index.record([Invitation(id: "old")], upstream: "main", now: t0)
        try await index.record([Invitation(id: "new")], upstream: "main", now: t0 + 100)
        #expect(try await index.forget(recordedBefore: t0 + 50) == 1)
        #expect(try await index.upstream(for: "old") == nil)
        #expect(try await index.upstream(for: "new") == "main")
    }

    @Test func theIndexSurvivesAReopen() async throws {
        let database = TemporaryDatabasePath()
        defer { database.remove() }
        let ids = (0..<200).map { _ in UUID().uuidString }
        do {
            let state = try GatewayState(storage: database.storage)
            try await state.invitations.record(
                ids.map { Invitation(id: $0, organization: Fixtures.organization) }, upstream: "dreadnode", now: t0)
            try state.close()
        }
        let reopened = try GatewayState(storage: database.storage)
        for id in ids {
            #expect(try await reopened.invitations.upstream(for: id) == "dreadnode")
        }
        #expect(try await reopened.invitations.entry(for: ids[0])?.organization == Fixtures.organization)
        try reopened.close()
    }
}
