import NIOCore

/// Runs Swift concurrency jobs on one NIO event loop, so async request handling shares the loop's thread.
///
/// Serving with a single event loop and this executor as the task executor preference keeps a request,
/// its upstream call and its answer on one thread: no hop between NIO's threads and the cooperative pool
/// at each `await`. On a machine whose cores are busy with other work this is the cheapest arrangement.
public final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    public let eventLoop: any EventLoop

    public init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
