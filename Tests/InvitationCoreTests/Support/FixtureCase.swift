import Foundation
import InvitationCore
import Testing

/// One golden-fixture folder under `Fixtures/cases/`: a dialect message (`body.json`) and its description (`case.json`).
///
/// `case.json` holds `dialect`, `operation`, `kind` (`request`, `response` or `error`), `method`, `path`,
/// `query`, `status`, `outcome` (`accepted` or `rejected`, for requests), `roundTrip` and, for responses, `request`:
/// the canonical operation the response answers. Expected outputs live in `expected/<dialect>.json`.
struct FixtureCase: Sendable, CustomTestStringConvertible {
    enum Kind: String, Sendable { case request, response, error }

    /// The folder name, which is the case's name.
    let name: String
    let dialect: String
    let operation: OperationName
    let kind: Kind
    let method: String
    let path: String
    let query: String?
    let status: Int?
    /// Whether the request is expected to be refused by the dialect's validation.
    let expectsRejection: Bool
    /// The canonical request a response answers.
    let request: JSONValue?
    /// The `instance` an error envelope carries (the request path it names).
    let instance: String?
    /// The raw body bytes (empty when the folder has no `body.json`).
    let body: [UInt8]
    /// Whether writing the message back in its own dialect gives the same JSON (`roundTrip: false` with a
    /// `why` in `case.json` when the dialect reads more forms than it writes).
    let roundTripsExactly: Bool

    var testDescription: String { name }

    /// The body parsed as JSON; nil for an empty body.
    var bodyJSON: JSONValue? { body.isEmpty ? nil : try? JSONParser.parse(body) }

    /// The canonical request a response answers, as a typed value.
    func canonicalRequest() throws -> CanonicalRequest {
        guard let request else { throw FixtureError("\(name): a response case needs 'request'") }
        return try CanonicalRequest(operation: operation, canonical: request)
    }
}

/// A fixture folder that does not describe a usable case.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension FixtureCase {
    /// The copied `Fixtures` folder in the test bundle.
    static let bundleRoot: URL = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("the test bundle has no Fixtures folder")
        }
        return url
    }()

    /// The checked-in `Fixtures` folder, where `GOLDEN_UPDATE=1` writes.
    static let sourceRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Every case folder, in name order.
    static let all: [FixtureCase] = {
        let folder = bundleRoot.appendingPathComponent("cases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("case.json").path) else {
                return nil
            }
            do { return try load(name: name, from: url) } catch { fatalError("fixture \(name): \(error)") }
        }
    }()

    /// The cases of one kind.
    static func cases(_ kind: Kind) -> [FixtureCase] { all.filter { $0.kind == kind } }

    /// Reads one case folder.
    static func load(name: String, from folder: URL) throws -> FixtureCase {
        let description = try JSONParser.parse(Array(Data(contentsOf: folder.appendingPathComponent("case.json"))))
        func text(_ key: String) -> String? { description[key]?.stringValue }
        guard let dialect = text("dialect"), let operationName = text("operation"),
            let operation = OperationName(rawValue: operationName), let kindName = text("kind"),
            let kind = Kind(rawValue: kindName)
        else { throw FixtureError("case.json needs dialect, operation and kind") }
        let bodyURL = folder.appendingPathComponent("body.json")
        let body = FileManager.default.fileExists(atPath: bodyURL.path) ? Array(try Data(contentsOf: bodyURL)) : []
        return FixtureCase(
            name: name, dialect: dialect, operation: operation, kind: kind, method: text("method") ?? "GET",
            path: text("path") ?? "/", query: text("query"), status: description["status"]?.intValue,
            expectsRejection: text("outcome") == "rejected", request: description["request"],
            instance: text("instance"), body: body, roundTripsExactly: description["roundTrip"]?.boolValue ?? true)
    }
}
