import Testing

@testable import InvitationCore

@Suite struct CreateInvitationsInputTests {
    @Test(arguments: [[], ["ada@example.com"], ["ada@example.com", "bo@example.com", "cy@example.com"]])
    func theFirstEmailAloneIsTheSplitsFirst(_ emails: [String]) {
        let input = CreateInvitationsInput(
            organization: Organization(slug: "acme"), emails: emails, roles: ["admin"], message: "Hi")
        #expect(input.firstAlone == input.splitByEmail().first)
        #expect(input.firstAlone?.emails == emails.first.map { [$0] })
    }
}
