import NIOCore

/// One ``EventLoopTaskExecutor`` per event loop of a group, made once.
final class EventLoopTaskExecutors: Sendable {
    private let executors: [ObjectIdentifier: EventLoopTaskExecutor]

    init(group: any EventLoopGroup) {
        var executors: [ObjectIdentifier: EventLoopTaskExecutor] = [:]
        for loop in group.makeIterator() { executors[ObjectIdentifier(loop)] = EventLoopTaskExecutor(eventLoop: loop) }
        self.executors = executors
    }

    /// The executor of `loop` (a new one for a loop outside the group).
    func executor(for loop: any EventLoop) -> EventLoopTaskExecutor {
        executors[ObjectIdentifier(loop)] ?? EventLoopTaskExecutor(eventLoop: loop)
    }
}
