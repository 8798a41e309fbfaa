import Foundation
import InvitationCore

// Runs one stage in a loop for a profiler: `TranslationProfile [request|response|typed] [iterations]`.
let arguments = CommandLine.arguments
let stage = arguments.count > 1 ? arguments[1] : "response"
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 200_000 : 200_000
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let registry = try DialectRegistry.load(directory: root.appendingPathComponent("mappings").path)
let inkeep = registry.dialect(named: "inkeep")!
let k0rdent = registry.dialect(named: "k0rdent")!
let inkeepCreate = inkeep.routes(for: .createInvitations).first!
let k0rdentCreate = k0rdent.routes(for: .createInvitations).first!
let requestBody = Array(#"{"emails":["ivy@example.com"],"organizationId":"acme","role":"admin"}"#.utf8)
let responseBody = Array(
    #"{"selfLink":"/v1/regions/global/organizations/acme/invitations/invitation-y8z9a1","uid":"07cc67f4-45d6-494b-adac-09b5cbc7e2b5","id":"497f6eca-6276-4993-bfeb-53cbbbba6f08","displayName":"Ivy","email":"ivy@example.com","roles":["admin"],"groups":[],"status":"pending","createdAt":"2019-08-24T14:15:22Z","expiresAt":"2019-08-31T14:15:22Z"}"#
        .utf8)
let request = try inkeep.parseRequest(route: inkeepCreate, pathParameters: [:], query: nil, body: requestBody)
let response = try k0rdent.parseResponse(route: k0rdentCreate, status: 201, body: responseBody, request: request)
let canonical = response.canonical
var sink = 0
let start = Date()
for _ in 0..<iterations {
    switch stage {
    case "request":
        let parsed = try inkeep.parseRequest(route: inkeepCreate, pathParameters: [:], query: nil, body: requestBody)
        sink &+= try k0rdent.renderRequest(parsed).request.body.count
    case "typed":
        sink &+= try CanonicalResponse(operation: .createInvitations, canonical: canonical).canonical.jsonBytes.count
    default:
        let parsed = try k0rdent.parseResponse(route: k0rdentCreate, status: 201, body: responseBody, request: request)
        sink &+= inkeep.renderResponse(parsed, route: inkeepCreate).body.count
    }
}
let elapsed = Date().timeIntervalSince(start)
print("\(stage): \(String(format: "%.2f", elapsed / Double(iterations) * 1e6)) µs per iteration (\(sink))")
