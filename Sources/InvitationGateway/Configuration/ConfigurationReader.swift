import Yams

/// Reads a YAML configuration node by key path, with environment variables overriding scalars.
struct ConfigurationReader {
    let file: String
    let environment: [String: String]

    /// A node and its key path (`upstreams[0].url`).
    struct Place {
        let key: String
        let node: Node?
        /// The environment variable overriding this key (`GATEWAY_UPSTREAMS_0_URL`).
        let variable: String
        var line: Int { node?.mark?.line ?? 0 }

        func child(_ name: String) -> Place {
            var value: Node?
            if case .mapping(let mapping)? = node {
                value = mapping.first(where: { $0.key.scalar?.string == name })?.value
            }
            return Place(
                key: key.isEmpty ? name : "\(key).\(name)", node: value, variable: "\(variable)_\(name.uppercased())")
        }
    }

    func fail(_ place: Place, _ reason: String) -> ConfigurationError {
        ConfigurationError(file: file, line: place.line, key: place.key, reason: reason)
    }

    /// Checks that a mapping holds only known keys.
    func keys(_ place: Place, allowed: [String]) throws(ConfigurationError) {
        guard let node = place.node else { return }
        guard case .mapping(let mapping) = node else { throw fail(place, "expected a mapping") }
        for (key, value) in mapping {
            guard let name = key.scalar?.string, allowed.contains(name) else {
                let text = key.scalar?.string ?? "?"
                let child = Place(key: place.key.isEmpty ? text : "\(place.key).\(text)", node: value, variable: "")
                throw fail(child, "unknown key; expected one of \(allowed.joined(separator: ", "))")
            }
        }
    }

    /// The scalar at `place` (the environment's override first), or nil when absent.
    func string(_ place: Place) throws(ConfigurationError) -> String? {
        if let override = environment[place.variable] { return override }
        guard let node = place.node else { return nil }
        guard case .scalar(let scalar) = node else { throw fail(place, "expected a single value") }
        if scalar.style == .plain && (scalar.string == "~" || scalar.string == "null") { return nil }
        return scalar.string
    }

    func int(_ place: Place, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let text = try string(place) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw fail(place, "expected a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }

    func double(_ place: Place, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double? {
        guard let text = try string(place) else { return nil }
        guard let value = Double(text), range.contains(value) else {
            throw fail(place, "expected a number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }

    func strings(_ place: Place) throws(ConfigurationError) -> [String]? {
        guard let node = place.node else { return nil }
        guard case .sequence(let sequence) = node else { throw fail(place, "expected a list") }
        var values: [String] = []
        for (index, element) in sequence.enumerated() {
            let item = Place(key: "\(place.key)[\(index)]", node: element, variable: "\(place.variable)_\(index)")
            guard let value = try string(item) else { throw fail(item, "expected a value") }
            values.append(value)
        }
        return values
    }

    /// The elements of a list, each with its own place.
    func elements(_ place: Place) throws(ConfigurationError) -> [Place] {
        guard let node = place.node else { return [] }
        guard case .sequence(let sequence) = node else { throw fail(place, "expected a list") }
        return sequence.enumerated().map { index, element in
            Place(key: "\(place.key)[\(index)]", node: element, variable: "\(place.variable)_\(index)")
        }
    }
}
