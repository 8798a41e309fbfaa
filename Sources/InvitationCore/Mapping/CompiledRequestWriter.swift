/// A create route's request rules compiled at load into direct writes from the input: path parameters and body.
///
/// It gives the request ``Dialect/renderRequest(_:)`` gives, or nil. It is built only for a route with a body, no
/// query parameters and no fixed values, whose rules a ``CompiledWriter`` writes; it gives up on any input that is
/// not plain: a value the dialect cannot carry (a loss), a path parameter or required member left out, or a field
/// the route has no place for. The interpreter then renders that input and reports what is wrong.
struct CompiledRequestWriter: Sendable {
    struct PathStep: Sendable {
        let name: String
        let value: CompiledWriter<CreateInvitationsInput>.Value
    }

    let pathSteps: [PathStep]
    let body: CompiledWriter<CreateInvitationsInput>
    /// The canonical leaves the route's coverage does not take: an input with one is left to the interpreter.
    let uncovered: [CreateInvitationsInput.Leaf]

    /// The writer for a create route's body and path parameters (the route has no query and no fixed values), or
    /// nil when a rule uses what it does not write.
    static func compile(body rule: Rule, pathParameters: [Rule.Member], coverage: CoverageTree)
        -> CompiledRequestWriter?
    {
        guard let body = CompiledWriter<CreateInvitationsInput>.compile(rule) else { return nil }
        var pathSteps: [PathStep] = []
        for member in pathParameters {
            guard let value = CompiledWriter<CreateInvitationsInput>.value(of: member.rule) else { return nil }
            pathSteps.append(PathStep(name: member.name, value: value))
        }
        let uncovered = CreateInvitationsInput.leaves.filter { !coverage.uncoveredLeaves(of: $0.sample).isEmpty }
        return CompiledRequestWriter(pathSteps: pathSteps, body: body, uncovered: uncovered)
    }

    /// The rendered request for a plain input, exactly as the interpreter renders it; nil otherwise.
    func write(_ input: CreateInvitationsInput, route: Route) -> RenderedRequest? {
        // Borrowed from the array's buffer: a `for in` copies each leaf (its sample and closure retained, released).
        let coversInput = uncovered.withUnsafeBufferPointer { leaves in
            !leaves.indices.contains { leaves[$0].isPresent(input) }
        }
        guard coversInput else { return nil }
        var context = WriteContext()
        // A route has a parameter or two: a list searched by name costs less than a dictionary.
        var parameters: [(name: String, text: String)] = []
        parameters.reserveCapacity(pathSteps.count)
        for index in pathSteps.indices {
            guard case .written(let value?) = CompiledWriter.evaluate(pathSteps[index].value, of: input, &context),
                let text = Dialect.text(value)
            else { return nil }
            parameters.append((pathSteps[index].name, text))
        }
        var writer = JSONWriter()
        guard body.write(input, into: &writer, &context), context.losses.isEmpty,
            let path = route.path.render({ name in parameters.first { $0.name == name }?.text })
        else { return nil }
        return RenderedRequest(
            route: route,
            request: DialectRequest(
                method: route.method, path: path, query: nil, body: writer.bytes, contentType: "application/json"),
            losses: [])
    }
}
