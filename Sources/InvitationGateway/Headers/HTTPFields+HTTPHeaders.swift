import HTTPTypes
import NIOHTTP1

extension HTTPFields {
    /// NIO's headers as `HTTPFields`, in order; a field whose name is not a valid token is left out.
    init(_ headers: HTTPHeaders) {
        self.init()
        reserveCapacity(headers.count)
        for header in headers {
            if let name = HTTPField.Name(header.name) { append(HTTPField(name: name, value: header.value)) }
        }
    }
}
