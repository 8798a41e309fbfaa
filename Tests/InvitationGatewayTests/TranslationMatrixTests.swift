import InvitationCore
import InvitationGatewayTesting
import Testing

/// A caller in each dialect, through a live gateway, to a stub upstream in each other dialect.
@Suite struct TranslationMatrixTests {
    @Test(arguments: DialectSamples.pairs + DialectSamples.unsupportedPairs)
    func callerThroughGatewayToUpstream(pair: TranslationPair) async throws {
        let expected = try #require(TranslationExpectations.table[pair.testDescription])
        let request = try #require(DialectSamples.caller(pair.caller, pair.operation))
        let registry = try GatewayHarness.registry()
        let callerDialect = try #require(registry.dialect(named: pair.caller))
        try await StubUpstream.withStub { stub in
            if let canned = DialectSamples.upstream(pair.upstream, pair.operation) {
                stub.on(canned.method, canned.path, canned.answer)
            }
            let answer = try await withGateway(upstream: pair.upstream, stub: stub) { try await $0.send(request) }

            // The exact request the upstream received.
            if let sent = expected.sent {
                let received = try #require(stub.requests.first)
                #expect(stub.requests.count == 1)
                #expect(received.method == sent.method)
                #expect(received.target == sent.target)
                if sent.body.isEmpty {
                    #expect(received.body.isEmpty)
                } else {
                    #expect(json(received.bodyText) == json(sent.body))
                    #expect(received.header("Content-Type") == "application/json")
                }
                #expect(received.header("Authorization") == "Bearer caller-token")
                #expect(received.header("X-Request-Id") == "matrix-request")
            } else {
                #expect(stub.requests.isEmpty, "the upstream is never called with a request it cannot take")
            }

            // The exact answer the caller got.
            #expect(answer.status == expected.status)
            #expect(json(answer.body) == json(expected.body), "\(answer.body)")
            #expect(answer.header("X-Request-Id") == "matrix-request")
            let contentType =
                answer.body.isEmpty
                ? nil
                : (200...299).contains(answer.status) ? callerDialect.contentType : callerDialect.errors.contentType
            #expect(answer.header("Content-Type") == contentType)
        }
    }

    @Test func everyUnsupportedOperationNamesTheOperationAndTheUpstreamDialect() {
        for pair in DialectSamples.unsupportedPairs {
            let body = TranslationExpectations.table[pair.testDescription]?.body ?? ""
            #expect(
                body.contains("\(pair.upstream) dialect, which has no \(pair.operation.rawValue) operation"),
                "\(pair.testDescription)")
            #expect(TranslationExpectations.table[pair.testDescription]?.status == 501)
        }
    }
}
