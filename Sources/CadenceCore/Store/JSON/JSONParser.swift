/// A parsed JSON value that remembers where it was written, so that a problem found later
/// (a bad date, an unknown channel) can be reported at its line and column.
public struct JSONNode: Sendable {
    public struct Member: Sendable {
        public let key: String
        public let keyOffset: Int
        public let value: JSONNode
    }

    public enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([Member])
    }

    /// Byte offset of the value's first character in the source.
    public let offset: Int
    public let kind: Kind

    public var value: JSONValue {
        switch kind {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        case .array(let items): .array(items.map(\.value))
        case .object(let members): .object(JSONObject(members.map { .init(key: $0.key, value: $0.value.value) }))
        }
    }

    /// A short name of the value's type for messages: "a string", "an object".
    public var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "true or false"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

public struct JSONSyntaxError: Error, Equatable, Sendable {
    public let offset: Int
    public let message: String
}

/// A strict RFC 8259 parser over UTF-8 bytes: no comments, no trailing commas, no duplicate
/// keys, valid UTF-8 only.
public struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private static let maxDepth = 256

    public static func parse(_ data: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        try data.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> JSONNode in
            var parser = JSONParser(bytes: buffer)
            // A UTF-8 byte-order mark is tolerated: some editors on Windows add one.
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { parser.index = 3 }
            // UTF-16, as Windows Notepad saves "Unicode": a byte-order mark, or a NUL byte beside
            // each of the first characters (`{` and a line break, say). NULs all along are a
            // file damaged (a crash as it was written), not another encoding.
            if buffer.count >= 2 {
                let marked = (buffer[0], buffer[1]) == (0xFF, 0xFE) || (buffer[0], buffer[1]) == (0xFE, 0xFF)
                    || buffer.count >= 4 && (buffer[0], buffer[1], buffer[2], buffer[3]) == (0, 0, 0xFE, 0xFF)
                let pairs = stride(from: 0, to: Swift.min(buffer.count - 1, 8), by: 2).map { (buffer[$0] == 0, buffer[$0 + 1] == 0) }
                let halfNUL = pairs.allSatisfy { $0 != $1 } && (pairs.allSatisfy { $0.0 } || pairs.allSatisfy { $0.1 })
                // UTF-32: three NULs beside each of the first characters.
                let quads = stride(from: 0, to: Swift.min(buffer.count - 3, 8), by: 4).map { i in (0..<4).map { buffer[i + $0] == 0 } }
                let threeNUL = !quads.isEmpty && (quads.allSatisfy { $0 == [false, true, true, true] } || quads.allSatisfy { $0 == [true, true, true, false] })
                if marked || halfNUL || threeNUL {
                    throw parser.error("the file is UTF-16 (or UTF-32) text, as Notepad's \"Unicode\"; Cadence reads UTF-8: save it as UTF-8")
                }
                if buffer[0] == 0 {
                    throw parser.error("the file starts with NUL bytes, as a file cut short by a crash does: restore it (git checkout, a backup)")
                }
            }
            parser.skipWhitespace()
            let node = try parser.parseValue()
            parser.skipWhitespace()
            if parser.index < buffer.count {
                if buffer[parser.index] == 0 {
                    throw parser.error("NUL bytes after the end of the calendar, as a crash while the file was written leaves: restore it (git checkout, a backup), or cut them off")
                }
                throw parser.error("unexpected \(parser.describeCurrent()) after the end of the calendar")
            }
            return node
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? index, message: message)
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let b = bytes[index]
        if b >= 0x21, b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        if b == 0x0A { return "line break" }
        if b < 0x20 { return "control character 0x\(String(b, radix: 16))" }
        if b == 0x20 { return "space" }
        // A whole character when the bytes make one ('é'), else the byte itself.
        for length in 2...4 where index + length <= bytes.count {
            if let text = String(validating: Array(bytes[index..<index + length]), as: UTF8.self), text.unicodeScalars.count == 1 {
                return "'\(text)'"
            }
        }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
        guard index < bytes.count else { throw error("the file ends where a value was expected") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONNode(offset: start, kind: .object(try parseObject()))
        case UInt8(ascii: "["): return JSONNode(offset: start, kind: .array(try parseArray()))
        case UInt8(ascii: "\""): return JSONNode(offset: start, kind: .string(try parseString()))
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONNode(offset: start, kind: .bool(true))
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONNode(offset: start, kind: .bool(false))
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONNode(offset: start, kind: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(offset: start, kind: .number(try parseNumber()))
        default:
            throw error("expected a value, found \(describeCurrent())")
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let start = index
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("expected '\(word)'", at: start) }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] {
            throw error("expected a value, found \(describeCurrent())", at: start)
        }
        index += count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw error("values nested more than \(JSONParser.maxDepth) deep") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> [JSONNode.Member] {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [JSONNode.Member] = []
        var seen = Set<String>()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    throw error("a comma before '}' (trailing commas are not allowed in JSON)")
                }
                throw error("expected a field name in double quotes, found \(describeCurrent())")
            }
            let keyOffset = index
            let key = try parseString()
            if !seen.insert(key).inserted { throw error("the field \"\(key)\" appears twice in one object", at: keyOffset) }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after \"\(key)\", found \(describeCurrent())")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONNode.Member(key: key, keyOffset: keyOffset, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw error("the file ends inside an object (missing '}')") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return members
            default:
                throw error("expected ',' or '}' after a field, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> [JSONNode] {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return items
        }
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                throw error("a comma before ']' (trailing commas are not allowed in JSON)")
            }
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("the file ends inside a list (missing ']')") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return items
            default:
                throw error("expected ',' or ']' after a list item, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { throw error("a number needs digits", at: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { throw error("numbers must not start with 0", at: start) }
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw error("a number needs digits after '.'", at: start) }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { throw error("a number needs digits in its exponent", at: start) }
            while isDigit(index) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        let start = index
        // Fast path: no escapes. The run is then checked to be valid UTF-8 as a whole.
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[start..<index])
                guard let s = String(validating: run, as: UTF8.self) else {
                    throw error("text that is not valid UTF-8", at: firstInvalidUTF8(from: start, to: index))
                }
                index += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error(b == 0x0A ? "a line break inside a string (write \\n)" : "a control character inside a string") }
            index += 1
        }
        guard index < bytes.count else { throw error("a string is never closed (missing '\"')", at: open) }
        var scalars = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                guard let s = String(validating: scalars, as: UTF8.self) else {
                    throw error("text that is not valid UTF-8", at: firstInvalidUTF8(from: start, to: index))
                }
                index += 1
                return s
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        else { throw error("a lone UTF-16 surrogate in a \\u escape", at: index - 6) }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error("a lone UTF-16 surrogate in a \\u escape", at: index - 12)
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw error("a lone UTF-16 surrogate in a \\u escape", at: index - 6)
                    }
                    scalars.append(contentsOf: Array(String(Character(Unicode.Scalar(UInt32(code))!)).utf8))
                default:
                    throw error("an unknown escape '\\\(Character(Unicode.Scalar(escape)))' in a string", at: index - 2)
                }
            default:
                if b < 0x20 { throw error(b == 0x0A ? "a line break inside a string (write \\n)" : "a control character inside a string") }
                scalars.append(b)
                index += 1
            }
        }
        throw error("a string is never closed (missing '\"')", at: open)
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> Int {
        guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: Int
            switch b {
            case 0x30...0x39: digit = Int(b) - 0x30
            case 0x41...0x46: digit = Int(b) - 0x41 + 10
            case 0x61...0x66: digit = Int(b) - 0x61 + 10
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private func firstInvalidUTF8(from start: Int, to end: Int) -> Int {
        var i = start
        while i < end {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= end,
                String(validating: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]), as: UTF8.self) != nil
            else { return i }
            i += length
        }
        return start
    }
}

/// Turns a byte offset into a 1-based line and column (columns count characters, not bytes).
public func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    let end = min(offset, bytes.count)
    for i in 0..<end where bytes[i] == 0x0A {
        line += 1
        lineStart = i + 1
    }
    let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
    return (line, column)
}
