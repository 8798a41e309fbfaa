import Benchmark
import Foundation
import InvitationCore

/// The repository's mapping files (this file is Benchmarks/Benchmarks/TranslationBenchmarks/…).
let registry: DialectRegistry = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    do { return try DialectRegistry.load(directory: root.appendingPathComponent("mappings").path) } catch {
        fatalError("\(error)")
    }
}()

let inkeep = registry.dialect(named: "inkeep")!
let k0rdent = registry.dialect(named: "k0rdent")!
let inkeepCreate = inkeep.routes(for: .createInvitations).first!
let k0rdentCreate = k0rdent.routes(for: .createInvitations).first!

/// A typical inkeep create: one email, a role and a project assignment… without the assignment k0rdent cannot carry.
let requestBody = Array(#"{"emails":["ivy@example.com"],"organizationId":"acme","role":"admin"}"#.utf8)
/// The k0rdent seed's create response.
let responseBody = Array(
    #"""
    {"selfLink":"/v1/regions/global/organizations/acme/invitations/invitation-y8z9a1","uid":"07cc67f4-45d6-494b-adac-09b5cbc7e2b5","id":"497f6eca-6276-4993-bfeb-53cbbbba6f08","displayName":"Ivy","email":"ivy@example.com","roles":["admin"],"groups":[],"status":"pending","createdAt":"2019-08-24T14:15:22Z","expiresAt":"2019-08-31T14:15:22Z"}
    """#.utf8)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], maxDuration: .seconds(3))

    Benchmark("Parse and write JSON (reference: no translation)") { benchmark in
        for _ in benchmark.scaledIterations {
            let value = try JSONParser.parse(responseBody)
            blackHole(value.jsonBytes)
        }
    }

    Benchmark("Translate create request inkeep → k0rdent") { benchmark in
        for _ in benchmark.scaledIterations {
            let request = try inkeep.parseRequest(
                route: inkeepCreate, pathParameters: [:], query: nil, body: requestBody)
            blackHole(try k0rdent.renderRequest(request))
        }
    }

    Benchmark("Translate create response k0rdent → inkeep") { benchmark in
        let request = try inkeep.parseRequest(route: inkeepCreate, pathParameters: [:], query: nil, body: requestBody)
        for _ in benchmark.scaledIterations {
            let response = try k0rdent.parseResponse(
                route: k0rdentCreate, status: 201, body: responseBody, request: request)
            blackHole(inkeep.renderResponse(response, route: inkeepCreate))
        }
    }

    Benchmark("Stage: canonical invitation JSON to typed and back") { benchmark in
        let request = try inkeep.parseRequest(route: inkeepCreate, pathParameters: [:], query: nil, body: requestBody)
        let response = try k0rdent.parseResponse(
            route: k0rdentCreate, status: 201, body: responseBody, request: request)
        let canonical = response.canonical
        for _ in benchmark.scaledIterations {
            let typed = try CanonicalResponse(operation: .createInvitations, canonical: canonical)
            blackHole(typed.canonical)
        }
    }

    Benchmark("Stage: parse the upstream answer (JSON, rules, typed)") { benchmark in
        let request = try inkeep.parseRequest(route: inkeepCreate, pathParameters: [:], query: nil, body: requestBody)
        for _ in benchmark.scaledIterations {
            blackHole(
                try k0rdent.parseResponse(route: k0rdentCreate, status: 201, body: responseBody, request: request))
        }
    }
}
