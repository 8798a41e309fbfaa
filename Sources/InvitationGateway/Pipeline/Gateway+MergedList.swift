import InvitationCore
import Logging

extension Gateway {
    /// `listMyInvitations` over several upstreams at once: their lists concatenated in configuration order
    /// (an invitation id seen twice is listed once), each recorded in the invitation index under its upstream.
    ///
    /// An upstream that fails (it may not know the caller at all) is left out and logged; only when every one
    /// fails does the caller get an error: the first upstream's.
    func mergedListMine(
        _ canonical: CanonicalRequest, routes: [UpstreamRoute], request: GatewayRequest, matched: MatchedRoute,
        requestID: String, logger: Logger
    ) async throws(GatewayError) -> CanonicalResponse {
        let contexts = routes.map {
            upstreamContext(for: $0, request: request, matched: matched, requestID: requestID, logger: logger)
        }
        var outcomes = [Result<CanonicalResponse, GatewayError>?](repeating: nil, count: routes.count)
        await withTaskGroup(of: (Int, Result<CanonicalResponse, GatewayError>).self) { group in
            for (index, route) in routes.enumerated() {
                group.addTask {
                    do throws(GatewayError) {
                        return (index, .success(try await route.upstream.perform(canonical, context: contexts[index])))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for await (index, outcome) in group { outcomes[index] = outcome }
        }
        var invitations: [Invitation] = []
        var seen = Set<String>()
        var firstError: GatewayError?
        var anySuccess = false
        for (index, outcome) in outcomes.enumerated() {
            switch outcome! {
            case .success(let response):
                anySuccess = true
                await remember(response, upstream: routes[index].name, organization: nil, logger: logger)
                guard case .listMyInvitations(let page) = response else { continue }
                for invitation in page.invitations {
                    if let id = invitation.id, !seen.insert(InvitationIndexEntry.normalizedID(id)).inserted { continue }
                    invitations.append(invitation)
                }
            case .failure(let error):
                logger.info("list-mine: upstream \(routes[index].name) failed: \(error)")
                firstError = firstError ?? error
            }
        }
        if !anySuccess, let firstError { throw firstError }
        return .listMyInvitations(InvitationPage(invitations: invitations))
    }

    /// Records the invitations an answer carries in the index, under the upstream that gave them.
    func remember(_ response: CanonicalResponse, upstream: String, organization: Organization?, logger: Logger) async {
        do {
            try await state.invitations.record(response, upstream: upstream, organization: organization)
        } catch {
            logger.warning("The invitation index could not record an answer: \(error)")
        }
    }
}
