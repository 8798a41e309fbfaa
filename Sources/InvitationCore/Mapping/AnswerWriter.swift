/// A create's answer rule compiled into direct writes: one invitation, or a batch's items.
enum AnswerWriter: Sendable {
    case single(CompiledWriter<Invitation>)
    case batch(CompiledBatchWriter)

    init?(single: Bool, rule: Rule) {
        if single {
            guard let writer = CompiledWriter<Invitation>.compile(rule) else { return nil }
            self = .single(writer)
        } else {
            guard let writer = CompiledBatchWriter.compile(rule) else { return nil }
            self = .batch(writer)
        }
    }
}

extension AnswerWriter {
    /// A create's answer body, as the interpreter would write it; nil when it gives up (the interpreter then writes).
    ///
    /// A one-email create writes its first item's invitation, naming the item's email where the invitation does
    /// not (as ``Dialect/renderResponse(_:route:instance:)`` does); an item with an error is not written here.
    func write(_ output: CreateInvitationsOutput) -> [UInt8]? {
        switch self {
        case .single(let writer):
            // The error is matched, not compared: `error == nil` copied it into `Optional.==`.
            guard let item = output.results.first, case .none = item.error else { return nil }
            var invitation = item.invitation ?? Invitation()
            if invitation.email == nil, !item.email.isEmpty { invitation.email = item.email }
            var json = JSONWriter()
            var context = WriteContext()
            return writer.write(invitation, into: &json, &context) ? json.bytes : nil
        case .batch(let writer):
            return writer.write(output)
        }
    }
}
