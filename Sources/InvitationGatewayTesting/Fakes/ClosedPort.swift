#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loopback port that refuses connections, for "connection refused" tests.
public enum ClosedPort {
    /// A port on 127.0.0.1 that refuses connections for as long as the process runs.
    ///
    /// The port is bound by a socket that never listens: connecting is refused, and no other server of a test
    /// run in parallel can be given the port (as it could be if the port were bound and released).
    public static func make() async throws -> Int {
        #if canImport(Darwin)
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #else
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard descriptor >= 0 else { throw ClosedPortError.unavailable }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw ClosedPortError.unavailable
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// No loopback port could be bound.
public enum ClosedPortError: Error {
    case unavailable
}
