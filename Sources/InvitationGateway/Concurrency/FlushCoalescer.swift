import NIOCore
import NIOPosix

/// Flushes written channels once per event-loop tick, after the loop has handled every socket that was ready.
///
/// A proxy's writes wake the process reading the other end. Flushed one by one, as each request is read, every
/// write tends to find that process asleep and pays for waking it (on a shared or virtual machine the wake-up,
/// not the copy, is most of a small write's cost); flushed together at the end of the tick, the first write wakes
/// it and the rest find it running. The loop runs tasks after it has handled the ready sockets, so one task per
/// tick does this: the data waits no longer than the rest of the tick.
final class FlushCoalescer: @unchecked Sendable {
    // Unchecked: an instance is used only on its loop's thread (`current` is per thread; `flushSoon` checks).
    private static let current = ThreadSpecificVariable<FlushCoalescer>()
    private let loop: any EventLoop
    private var channels: [any Channel] = []
    /// The channels being flushed, kept between ticks so neither array is reallocated.
    private var flushing: [any Channel] = []

    private init(loop: any EventLoop) {
        self.loop = loop
        channels.reserveCapacity(64)
    }

    /// Flushes `channel` once its loop has handled the sockets ready now; at once when called off that loop.
    static func flushSoon(_ channel: any Channel) {
        let loop = channel.eventLoop
        guard loop.inEventLoop else { return channel.flush() }
        let coalescer: FlushCoalescer
        if let existing = current.currentValue, existing.loop === loop {
            coalescer = existing
        } else {
            // The thread's first loop, or another loop run on this thread (embedded loops in tests).
            coalescer = FlushCoalescer(loop: loop)
            current.currentValue = coalescer
        }
        coalescer.channels.append(channel)
        if coalescer.channels.count == 1 {
            loop.execute { coalescer.flushAll() }
        }
    }

    private func flushAll() {
        // A flush can make a channel write again (an error closing it, say); those go into the next tick.
        swap(&channels, &flushing)
        for channel in flushing { channel.flush() }
        flushing.removeAll(keepingCapacity: true)
    }
}
