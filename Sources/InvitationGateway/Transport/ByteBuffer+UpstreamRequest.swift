import HTTPTypes
import NIOCore

extension ByteBuffer {
    /// An HTTP/1.1 request as one buffer: the request line, `Host`, the fields, `Content-Length`, the body.
    ///
    /// `Content-Length` is written when there is a body or the method carries one; `Host`, `Content-Length` and
    /// `Transfer-Encoding` among `headers` are left out (the request's own framing is written instead). The values
    /// are already valid (``UpstreamHeaders/forEachWritten(_:)`` gives them as `HTTPField` holds them); nil when
    /// the method, target or host could break the request line, which no route renders.
    static func upstreamRequest(
        method: String, target: String, host: String, headers: UpstreamHeaders, body: [UInt8],
        allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) -> ByteBuffer? {
        guard !method.isEmpty, method.utf8.allSatisfy(Self.isTokenByte), !target.isEmpty,
            HTTPSyntax.hasNoSpaceOrControl(target), !host.isEmpty, HTTPSyntax.hasNoSpaceOrControl(host)
        else { return nil }
        let carriesBody = !body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH"
        let contentLength = String(body.count)
        let versionAndHost: StaticString = " HTTP/1.1\r\nHost: "
        let contentLengthName: StaticString = "Content-Length: "
        // Measured, then copied in at once.
        var size = method.utf8.count + 1 + target.utf8.count + versionAndHost.utf8CodeUnitCount + host.utf8.count + 2
        size += headers.writtenSize
        if carriesBody { size += contentLengthName.utf8CodeUnitCount + contentLength.utf8.count + 2 }
        size += 2 + body.count
        var buffer = allocator.buffer(capacity: size)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { bytes in
            var message = MeasuredBytes(bytes: bytes)
            message.append(method)
            message.append(" ")
            message.append(target)
            message.append(versionAndHost)
            message.append(host)
            message.append("\r\n")
            headers.forEachWritten { name, value in
                message.append(name)
                message.append(": ")
                message.append(value)
                message.append("\r\n")
            }
            if carriesBody {
                message.append(contentLengthName)
                message.append(contentLength)
                message.append("\r\n")
            }
            message.append("\r\n")
            message.append(body)
            return message.offset
        }
        return buffer
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default: false
        }
    }
}
