import HTTPTypes
import NIOCore

extension ByteBuffer {
    /// An HTTP/1.1 request as one buffer: the request line, `Host`, the fields, `Content-Length`, the body.
    ///
    /// `Content-Length` is written when there is a body or the method carries one; `Host`, `Content-Length` and
    /// `Transfer-Encoding` among `headers` are left out (the request's own framing is written instead). The fields
    /// are already valid (`HTTPFields` checks them); nil when the method, target or host could break the request
    /// line, which no route renders.
    static func upstreamRequest(
        method: String, target: String, host: String, headers: HTTPFields, body: [UInt8],
        allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) -> ByteBuffer? {
        guard !method.isEmpty, method.utf8.allSatisfy(Self.isTokenByte), !target.isEmpty,
            HTTPSyntax.hasNoSpaceOrControl(target), !host.isEmpty, HTTPSyntax.hasNoSpaceOrControl(host)
        else { return nil }
        var size = method.utf8.count + target.utf8.count + host.utf8.count + body.count + 64
        for field in headers { size += field.name.rawName.utf8.count + field.value.utf8.count + 4 }
        var buffer = allocator.buffer(capacity: size)
        buffer.writeString(method)
        buffer.writeInteger(UInt8(ascii: " "))
        buffer.writeString(target)
        buffer.writeStaticString(" HTTP/1.1\r\nHost: ")
        buffer.writeString(host)
        buffer.writeStaticString("\r\n")
        for field in headers where !Self.isFraming(field.name) {
            buffer.writeString(field.name.rawName)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
        if !body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH" {
            buffer.writeStaticString("Content-Length: ")
            buffer.writeString(String(body.count))
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
        buffer.writeBytes(body)
        return buffer
    }

    private static func isFraming(_ name: HTTPField.Name) -> Bool {
        name == .contentLength || name == .transferEncoding || name.canonicalName == "host"
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
