import Foundation
import InvitationCore
import Testing

/// Compares an actual value with a checked-in golden file; `GOLDEN_UPDATE=1` rewrites the file instead.
///
/// Goldens are compared as JSON values (member order ignored). A rewritten golden must be reviewed by eye
/// before it is committed: it records what the code does, not what it should do.
enum Golden {
    static let isUpdating = ProcessInfo.processInfo.environment["GOLDEN_UPDATE"] == "1"

    /// Checks `actual` against `Fixtures/<relativePath>` (read from the bundle, written to the source tree).
    static func check(
        _ actual: JSONValue, at relativePath: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if isUpdating {
            let url = FixtureCase.sourceRoot.appendingPathComponent(relativePath)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(PrettyJSON.text(actual).utf8).write(to: url)
            } catch {
                Issue.record("cannot write golden \(relativePath): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        let url = FixtureCase.bundleRoot.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "missing golden \(relativePath); run with GOLDEN_UPDATE=1 and review it", sourceLocation: sourceLocation
            )
            return
        }
        do {
            let expected = try JSONParser.parse(Array(data))
            #expect(
                actual == expected, "golden \(relativePath) differs:\n\(PrettyJSON.text(actual))",
                sourceLocation: sourceLocation)
        } catch {
            Issue.record("golden \(relativePath) is not JSON: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// The golden files present for a case (target dialect names), from the bundle.
    static func targets(of fixture: FixtureCase) -> Set<String> {
        let folder = FixtureCase.bundleRoot.appendingPathComponent("cases/\(fixture.name)/expected")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Set(names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) })
    }
}
