import InvitationCore
import Testing

@Suite struct VocabularyTests {
    static let status = Vocabulary(
        name: "status",
        values: [("PENDING", "pending"), ("WAITING", "pending"), ("ACCEPTED", "accepted"), ("PENDING", "expired")],
        renderExtras: [("pending", "QUEUED"), ("revoked", "CANCELLED")])

    @Test func theFirstListingOfAWordWinsEachWay() {
        #expect(Self.status.canonical(for: "PENDING") == "pending")
        #expect(Self.status.canonical(for: "WAITING") == "pending")
        #expect(Self.status.canonical(for: "ACCEPTED") == "accepted")
        #expect(Self.status.dialect(for: "pending") == "PENDING")
        #expect(Self.status.dialect(for: "accepted") == "ACCEPTED")
        #expect(Self.status.dialect(for: "expired") == "PENDING")
    }

    @Test func renderExtrasOnlyAddWordsTheValuesLeaveOut() {
        #expect(Self.status.dialect(for: "revoked") == "CANCELLED")
        #expect(Self.status.canonical(for: "CANCELLED") == nil)
    }

    @Test(arguments: ["pending", "Pending", "PENDING ", "", "accepted"])
    func aClosedVocabularyHasNoWordForOthers(word: String) {
        #expect(Self.status.canonical(for: word) == nil)
    }

    @Test func anOpenVocabularyPassesOtherWordsThrough() {
        let role = Vocabulary(name: "role", values: [("Admin", "admin")], isOpen: true)
        #expect(role.canonical(for: "Admin") == "admin")
        #expect(role.canonical(for: "billing-viewer") == "billing-viewer")
        #expect(role.dialect(for: "admin") == "Admin")
        #expect(role.dialect(for: "Admin") == "Admin")
        #expect(role.dialectWords == ["Admin"])
    }
}
