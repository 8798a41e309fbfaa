import InvitationCore
import PropertyBased
import Testing

/// Canonical → dialect → canonical over generated values: every field the dialect can carry comes back
/// unchanged; one it cannot carry is reported (a loss, or outside the route's coverage), never invented.
@Suite struct RoundTripProperties {
    /// The dialects an upstream can be asked to create in (zenml, the invitee's side, cannot).
    static let creators = Mappings.registry.dialects.filter { $0.outboundOperations.contains(.createInvitations) }.map(
        \.name)

    @Test func zenmlCannotBeAskedToCreate() throws {
        let input = CreateInvitationsInput(
            organization: Organization(id: "acme"), emails: ["ada@example.com"], roles: ["admin"])
        let error = try #require(throws: GatewayError.self) {
            try Mappings.dialect("zenml").renderRequest(.createInvitations(input))
        }
        #expect(error.code == .notImplemented)
    }

    @Test(arguments: creators)
    func createInputsSurviveEveryDialectOrAreReported(dialect name: String) async {
        let dialect = Mappings.dialect(name)
        await propertyCheck(count: 150, input: CanonicalGen.createInput) { input in
            let request = CanonicalRequest.createInvitations(input)
            let rendered: RenderedRequest
            do {
                rendered = try dialect.renderRequest(request)
            } catch {
                Issue.record("\(name) refused \(input): \(error)")
                return
            }
            do {
                let back = try GoldenRequestTests.reparse(rendered, in: dialect, registry: Mappings.registry)
                GoldenRequestTests.expectFaithful(request, back, rendered: rendered, target: dialect)
            } catch {
                Issue.record("\(name) cannot read its own rendering of \(input): \(error)")
            }
        }
    }

    @Test(arguments: Mappings.names + ["canonical"])
    func invitationsSurviveEveryDialectsAnswers(dialect name: String) async throws {
        let dialect = Mappings.dialect(name)
        await propertyCheck(count: 150, input: CanonicalGen.invitation) { invitation in
            let answers: [(CanonicalRequest, CanonicalResponse)] = [
                (.getInvitation(GetInvitationInput(invitationID: invitation.id ?? "")), .getInvitation(invitation)),
                (
                    .listInvitations(ListInvitationsInput(organization: invitation.organization)),
                    .listInvitations(InvitationPage(invitations: [invitation], nextPageToken: "next"))
                ),
                (
                    .listMyInvitations(ListMyInvitationsInput()),
                    .listMyInvitations(InvitationPage(invitations: [invitation]))
                ),
            ]
            // better-auth stores no expired state: inkeep.yaml writes it as pending (`write: {expired: pending}`)
            // and a reader tells it from expiresAt (Invitation.effectiveStatus).
            var expected = invitation
            if name == "inkeep", invitation.status == .expired { expected.status = .pending }
            for (request, response) in answers {
                guard let route = Pipeline.callerRoute(in: dialect, for: request) else { continue }
                let rendered = dialect.renderResponse(response, route: route)
                do {
                    try GoldenResponseTests.expectFaithful(
                        Self.replacing(invitation, with: expected, in: response), rendered: rendered, on: route,
                        of: dialect,
                        answering: request)
                } catch {
                    Issue.record("\(name) cannot read its own \(request.operation) answer: \(error)")
                }
            }
        }
    }

    /// The same answer about `replacement` instead of `invitation`.
    static func replacing(_ invitation: Invitation, with replacement: Invitation, in response: CanonicalResponse)
        -> CanonicalResponse
    {
        switch response {
        case .getInvitation: .getInvitation(replacement)
        case .listInvitations(let page):
            .listInvitations(
                InvitationPage(
                    invitations: page.invitations.map { $0 == invitation ? replacement : $0 },
                    nextPageToken: page.nextPageToken))
        case .listMyInvitations(let page):
            .listMyInvitations(
                InvitationPage(
                    invitations: page.invitations.map { $0 == invitation ? replacement : $0 },
                    nextPageToken: page.nextPageToken))
        default: response
        }
    }

    /// A value outside a closed vocabulary is reported as lost, not sent and not replaced.
    @Test(arguments: ["inkeep", "dreadnode"])
    func aRoleOutsideTheVocabularyIsReported(dialect name: String) async {
        await propertyCheck(count: 50, input: CanonicalGen.createInput, Gen.lowercaseLetter.string(of: 4...10)) {
            input, word in
            var input = input
            input.roles = ["x-\(word)"]
            let dialect = Mappings.dialect(name)
            do {
                _ = try dialect.renderRequest(.createInvitations(input))
                Issue.record("\(name) sent a create without its required role")
            } catch let error as GatewayError {
                #expect(error.code == .validationFailed)
                #expect(error.fieldViolations.map(\.location) == ["roles"])
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
