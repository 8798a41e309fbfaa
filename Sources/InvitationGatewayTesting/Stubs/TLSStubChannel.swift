import HummingbirdCore
import Logging
import NIOCore
import NIOSSL

/// Wraps a server child channel with TLS (a local HTTPS stub; as HummingbirdTLS does).
struct TLSStubChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    let context: NIOSSLContext

    init(_ base: Base, context: NIOSSLContext) {
        self.base = base
        self.context = context
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
