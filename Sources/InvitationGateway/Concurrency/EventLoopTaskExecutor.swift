import NIOCore

/// Runs Swift concurrency jobs on one NIO event loop, so async request handling shares the loop's thread.
///
/// A request that needs the async pipeline (batches, idempotency keys, awaited state) runs in a task preferring
/// its connection's loop (``Gateway/respond(to:on:executor:completion:)``), so the request, its upstream calls and
/// its answer stay on one thread: no hop between NIO's threads and the cooperative pool at each `await`.
public final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    public let eventLoop: any EventLoop

    public init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
