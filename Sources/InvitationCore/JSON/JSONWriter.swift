/// Writes JSON as compact UTF-8 bytes, keeping object member order.
public struct JSONWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends one value.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i): bytes.append(contentsOf: String(i).utf8)
        case .double(let d):
            if d.rounded() == d, abs(d) < 1e15 {
                bytes.append(contentsOf: String(Int(d)).utf8)
            } else {
                bytes.append(contentsOf: d.description.utf8)
            }
        case .string(let s): write(string: s)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (offset, member) in object.members.enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                write(string: member.key)
                bytes.append(UInt8(ascii: ":"))
                write(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Appends one byte as it is (a compiled writer's punctuation).
    mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Appends bytes as they are: JSON text written once, at load (a compiled writer's member names).
    mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends a quoted, escaped string.
    ///
    /// Runs of bytes that need no escape are found eight bytes at a time (``JSONParser/Reader/plainEnd(from:)``,
    /// which also stops at a byte of 0x80 and above: that one is written as it is) and copied at once.
    public mutating func write(string: String) {
        // A native string's bytes are read in place: `withUTF8` needs a `var`, and a copy of the string to make one.
        let written: Void? = string.utf8.withContiguousStorageIfAvailable { write(utf8: $0) }
        if written == nil {
            var string = string
            string.withUTF8 { write(utf8: $0) }
        }
    }

    private mutating func write(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.reserveCapacity(bytes.count + utf8.count + 2)
        bytes.append(UInt8(ascii: "\""))
        let runs = JSONParser.Reader(utf8)
        var runStart = 0
        var index = runs.plainEnd(from: 0)
        while index < utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
                index = runs.plainEnd(from: index + 1)
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x22: bytes.append(0x22)
            case 0x5C: bytes.append(0x5C)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30])
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            }
            index = runs.plainEnd(from: index + 1)
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// The value as compact JSON bytes.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.bytes
    }

    /// The value as compact JSON text.
    public var jsonText: String { String(decoding: jsonBytes, as: UTF8.self) }
}
