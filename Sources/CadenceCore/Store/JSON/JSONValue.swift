/// A JSON value. Numbers keep the text they were written with, so that fields Cadence does not
/// know (kept as they are, never dropped) come back byte for byte.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// The same value with every object's keys sorted, the canonical order for fields Cadence
    /// does not model itself.
    public var canonicalized: JSONValue {
        switch self {
        case .array(let items): .array(items.map(\.canonicalized))
        case .object(let object): .object(object.canonicalized)
        default: self
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// An integer written without fraction or exponent, within `Int`'s range.
    public var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }
}

/// A JSON object that remembers the order of its members; equality ignores that order.
public struct JSONObject: Equatable, Sendable, Sequence {
    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var members: [Member]

    public init(_ members: [Member] = []) {
        self.members = members
    }

    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.members = pairs.map { Member(key: $0.key, value: $0.value) }
    }

    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }
    public var keys: [String] { members.map(\.key) }

    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// `other`'s members laid over this object's: same keys take `other`'s value.
    public func merging(_ other: JSONObject) -> JSONObject {
        var result = self
        for member in other.members { result[member.key] = member.value }
        return result
    }

    public var canonicalized: JSONObject {
        JSONObject(members.sorted { $0.key < $1.key }.map { Member(key: $0.key, value: $0.value.canonicalized) })
    }

    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && lhs.members.allSatisfy { member in rhs[member.key] == member.value }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Member(key: $0.0, value: $0.1) })
    }
}
