import HTTPTypes
import InvitationCore
import NIOConcurrencyHelpers

extension DialectUpstream {
    /// A batch create to a one-email-per-call dialect: one call per email, at most `fanOutConcurrency` at once,
    /// results in input order; a failed email's error goes into its item, never the whole answer.
    func fanOut(_ input: CreateInvitationsInput, context: UpstreamContext) async throws(GatewayError)
        -> CanonicalResponse
    {
        let singles = input.splitByEmail().map(CanonicalRequest.createInvitations)
        // Render every call first: a request that cannot be translated is refused before anything is sent.
        var rendered: [RenderedRequest] = []
        for single in singles { rendered.append(try render(single, context: context)) }
        let calls = rendered
        // Every call renders the same route, so they go out with the same headers: made fields once, not per email
        // (kept as parts, each call would check and write the gateway's values again).
        let firstHeaders = UpstreamHeaders(headers(for: calls[0], context: context).fields)
        let headersByCall = calls.map { call in
            call.request.contentType == calls[0].request.contentType
                ? firstHeaders : headers(for: call, context: context)
        }
        var results = [BatchItemResult?](repeating: nil, count: singles.count)
        let perform: @Sendable (Int) async -> (Int, BatchItemResult) = { index in
            let item = await sendOne(
                calls[index], headers: headersByCall[index], for: singles[index], email: input.emails[index],
                context: context)
            // A cancelled request is treated like a crash: what was in flight stays unrecorded (unresolved).
            if !Task.isCancelled { await context.batchProgress?.completed(position: index, item) }
            return (index, item)
        }
        if singles.count == 1 {
            return .createInvitations(CreateInvitationsOutput(results: [await perform(0).1]))
        }
        // A few workers, each taking the next email when its call is answered: at most `fanOutConcurrency` calls in
        // flight, as a task per email would give, without a task made, scheduled and awaited for every email.
        let nextUnclaimed = NIOLockedValueBox(0)
        let count = singles.count
        let workers = min(fanOutConcurrency, count)
        await withTaskGroup(of: [(Int, BatchItemResult)].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var done: [(Int, BatchItemResult)] = []
                    done.reserveCapacity(count / workers + 1)
                    while let index = nextUnclaimed.withLockedValue({ next -> Int? in
                        guard next < count else { return nil }
                        next += 1
                        return next - 1
                    }) {
                        done.append(await perform(index))
                    }
                    return done
                }
            }
            for await var done in group {
                // Popped, so each result is moved into place, not copied.
                while let (index, result) = done.popLast() { results[index] = result }
            }
        }
        return .createInvitations(CreateInvitationsOutput(results: results.indices.map { results[$0].take()! }))
    }

    /// One email's call, with the batch's headers; any failure becomes that email's error item.
    private func sendOne(
        _ call: RenderedRequest, headers: UpstreamHeaders, for single: CanonicalRequest, email: String,
        context: UpstreamContext
    ) async -> BatchItemResult {
        do throws(GatewayError) {
            let response = try await send(call, headers: headers, for: single, context: context)
            return Self.item(from: .success(response), email: email, requestID: context.metadata.requestID)
        } catch {
            return Self.item(from: .failure(error), email: email, requestID: context.metadata.requestID)
        }
    }

    /// One email's outcome as its batch item: the created invitation, or the error (with the request id).
    ///
    /// `outcome` is consumed, so that the item is moved out of the answer rather than copied field by field.
    static func item(
        from outcome: consuming Result<CanonicalResponse, GatewayError>, email: String, requestID: String
    ) -> BatchItemResult {
        switch consume outcome {
        case .success(var response):
            return response.takeFirstResult(email: email)
        case .failure(var error):
            error.requestID = error.requestID ?? requestID
            return .failure(error, email: email)
        }
    }
}

extension CanonicalResponse {
    /// A create's first result, moved out and given `email` (the response is left an empty create's); an
    /// error item for an answer without one.
    ///
    /// The response stops holding its results before the first is taken, so that they are not copied; the item is
    /// not returned through an optional, whose unwrapping copies it.
    fileprivate mutating func takeFirstResult(email: String) -> BatchItemResult {
        guard case .createInvitations(var output) = self, !output.results.isEmpty else {
            return .failure(
                GatewayError(code: .badGateway, message: "The upstream's answer has no result."), email: email)
        }
        self = .createInvitations(CreateInvitationsOutput(results: []))
        if output.results.count > 1 { output.results.removeSubrange(1...) }
        // Named in place and returned straight from the array: an item bound to a `var` first was copied and the
        // original destroyed.
        output.results[0].email = email
        return output.results.removeLast()
    }
}
