import AnpeiDomain
import AnpeiWire
import Foundation

/// The JSON a wire type reads, or a schema describes, in one vocabulary so the two can be compared.
indirect enum Shape: Equatable, CustomStringConvertible {
    struct Property: Equatable {
        var shape: Shape
        var required: Bool
    }

    /// `enumValues` is kept sorted so that equal sets compare equal.
    case string(format: String?, enumValues: [String]?)
    case integer
    case number
    case boolean
    case array(Shape)
    case object([String: Property])
    case map(Shape)
    case optional(Shape)
    /// Any JSON value: a free-form schema, or a type that reads nothing.
    case any
    /// Cut off because a type or schema contains itself; compares equal to anything.
    case truncated
    /// A schema construct the normaliser does not understand; always reported.
    case invalid(String)

    /// Only these formats change what a client must send; the rest (password, uri) are hints.
    static let comparedFormats: Set<String> = ["uuid", "date", "date-time"]

    static func text(format: String? = nil, enumValues: [String]? = nil) -> Shape {
        .string(format: format.flatMap { comparedFormats.contains($0) ? $0 : nil }, enumValues: enumValues?.sorted())
    }

    /// The shape a `WireLeaf` declares; "object" means a free-form object, anything unknown any value.
    static func leaf(wireType: String, format: String?) -> Shape {
        switch wireType {
        case "string": .text(format: format)
        case "integer": .integer
        case "number": .number
        case "boolean": .boolean
        case "array": .array(.any)
        case "object": .map(.any)
        default: .any
        }
    }

    var unwrapped: Shape {
        if case .optional(let wrapped) = self { return wrapped.unwrapped }
        return self
    }

    var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    var description: String {
        switch self {
        case let .string(format, values):
            "string" + (format.map { "(\($0))" } ?? "") + (values.map { "[\($0.joined(separator: "|"))]" } ?? "")
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .any: "any"
        case .array(let item): "[\(item)]"
        case .object(let properties):
            "{" + properties.sorted { $0.key < $1.key }
                .map { "\($0.key)\($0.value.required ? "" : "?"): \($0.value.shape)" }
                .joined(separator: ", ") + "}"
        case .map(let value): "{*: \(value)}"
        case .optional(let wrapped): "\(wrapped)?"
        case .truncated: "…"
        case .invalid(let why): "invalid (\(why))"
        }
    }
}

enum ProbeError: Error, CustomStringConvertible {
    case tooDeep(String)
    case badSample(String)

    var description: String {
        switch self {
        case .tooDeep(let type): "\(type) contains itself through a required field; the probe cannot build one"
        case .badSample(let type): "the wireSample of \(type) is not a \(type)"
        }
    }
}

/// The shape `type` reads, found by running its `init(from:)` against fabricated input.
func probe<T: Decodable>(_ type: T.Type) throws -> Shape {
    try Probe.value(type, depth: 0, codingPath: []).shape
}

func probe(_ type: any Decodable.Type) throws -> Shape {
    try Probe.opened(type)
}

/// Far deeper than any real wire type nests; only a type that contains itself gets there.
private let probeDepthLimit = 12
/// The one key a keyed container offers from `allKeys`; only Dictionary's key type accepts it.
private let mapKeyName = "<key>"

private enum Probe {
    static func opened<T: Decodable>(_ type: T.Type) throws -> Shape {
        try value(type, depth: 0, codingPath: []).shape
    }

    static func value<T: Decodable>(_ type: T.Type, depth: Int, codingPath: [any CodingKey]) throws -> (value: T, shape: Shape) {
        if let leaf = leafSample(type) {
            guard let value = leaf.sample as? T else { throw ProbeError.badSample("\(T.self)") }
            return (value, leaf.shape)
        }
        if let optional = type as? any ProbeOptional.Type {
            let some = try optional.probeSome(depth: depth, codingPath: codingPath)
            guard let value = some.sample as? T else { throw ProbeError.badSample("\(T.self)") }
            return (value, some.shape)
        }
        guard depth < probeDepthLimit else { throw ProbeError.tooDeep("\(T.self)") }
        let slot = Slot()
        let value = try T(from: ProbeDecoder(slot: slot, depth: depth + 1, codingPath: codingPath))
        return (value, slot.shape)
    }

    /// Types whose JSON is a single value, answered without running their decoders
    /// (CivilDate's would reject a made-up string; UUID's and Date's depend on the decoder's strategy).
    static func leafSample(_ type: Any.Type) -> (sample: Any, shape: Shape)? {
        if type == Foundation.UUID.self { return (UUID(), .text(format: "uuid")) }
        if type == Foundation.Date.self { return (Date(timeIntervalSince1970: 0), .text(format: "date-time")) }
        if type == CivilDate.self, let date = CivilDate(iso: "2026-01-02") { return (date, .text(format: "date")) }
        if let wireEnum = type as? any WireEnum.Type { return enumSample(wireEnum) }
        if let leaf = type as? any WireLeaf.Type {
            return (leaf.wireSample, .leaf(wireType: leaf.wireType, format: leaf.wireFormat))
        }
        // A String enum that is not (yet) a WireEnum still has a known value set.
        if let cases = type as? any CaseIterable.Type, let sample = stringCases(cases) { return sample }
        if type == String.self { return ("x", .text()) }
        if type == Bool.self { return (false, .boolean) }
        if type == URL.self, let url = URL(string: "https://example.com/") { return (url, .text()) }
        if let integer = type as? any FixedWidthInteger.Type { return (zero(integer), .integer) }
        if let real = type as? any BinaryFloatingPoint.Type { return (zero(real), .number) }
        return nil
    }

    private static func enumSample<E: WireEnum>(_: E.Type) -> (sample: Any, shape: Shape) {
        (E.wireSample, .text(enumValues: E.wireValues))
    }

    private static func stringCases<E: CaseIterable>(_: E.Type) -> (sample: Any, shape: Shape)? {
        let values = E.allCases.map { ($0 as? any RawRepresentable)?.rawValue as? String }
        guard let first = E.allCases.first, !values.contains(nil) else { return nil }
        return (first, .text(enumValues: values.compactMap { $0 }))
    }

    private static func zero<N: AdditiveArithmetic>(_: N.Type) -> Any { N.zero }
}

/// Lets the probe tell an Optional apart without knowing what it wraps.
private protocol ProbeOptional {
    static func probeSome(depth: Int, codingPath: [any CodingKey]) throws -> (sample: Any, shape: Shape)
}

extension Optional: ProbeOptional where Wrapped: Decodable {
    fileprivate static func probeSome(depth: Int, codingPath: [any CodingKey]) throws -> (sample: Any, shape: Shape) {
        let wrapped = try Probe.value(Wrapped.self, depth: depth, codingPath: codingPath)
        return (Optional(wrapped.value) as Any, .optional(wrapped.shape))
    }
}

/// What one value's decoder was asked for. Nested containers are read after they are
/// handed out, so the shape is taken only once the value's `init(from:)` has returned.
private final class Slot {
    enum Reading { case nothing, leaf(Shape), keyed, unkeyed }

    var reading = Reading.nothing
    var fields: [String: (slot: Slot, required: Bool)] = [:]
    var mapValue: Slot?
    var element: Slot?

    /// A key read twice (say, `decodeIfPresent` and then `decode`) counts as required.
    func field(_ name: String, required: Bool) -> Slot {
        let slot = Slot()
        if name == mapKeyName {
            mapValue = slot
        } else {
            fields[name] = (slot, required || fields[name]?.required == true)
        }
        return slot
    }

    func newElement() -> Slot {
        let slot = Slot()
        element = slot
        return slot
    }

    var shape: Shape {
        switch reading {
        case .nothing: return .any
        case .leaf(let shape): return shape
        case .unkeyed: return .array(element?.shape ?? .truncated)
        case .keyed:
            // Fixed fields win: a struct that also scans allKeys (for extra fields) is still an object.
            if fields.isEmpty, let mapValue { return .map(mapValue.shape) }
            return .object(fields.mapValues { field in
                let shape = field.slot.shape
                return Shape.Property(shape: shape.unwrapped, required: field.required && !shape.isOptional)
            })
        }
    }
}

private struct ProbeKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

private struct ProbeDecoder: Decoder {
    let slot: Slot
    let depth: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        slot.reading = .keyed
        return KeyedDecodingContainer(ProbeKeyed<Key>(slot: slot, depth: depth, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        slot.reading = .unkeyed
        return ProbeValues(slot: slot, depth: depth, codingPath: codingPath, isArray: true)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ProbeValues(slot: slot, depth: depth, codingPath: codingPath, isArray: false)
    }
}

private struct ProbeKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let slot: Slot
    let depth: Int
    let codingPath: [any CodingKey]

    var allKeys: [Key] {
        guard let key = Key(stringValue: mapKeyName) else { return [] }
        guard depth < probeDepthLimit else {
            slot.field(mapKeyName, required: true).reading = .leaf(.truncated)
            return []
        }
        return [key]
    }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    private func read<T: Decodable>(_ type: T.Type, _ key: Key, required: Bool) throws -> T? {
        let field = slot.field(key.stringValue, required: required)
        do {
            let result = try Probe.value(type, depth: depth, codingPath: codingPath + [key as any CodingKey])
            field.reading = .leaf(result.shape)
            return result.value
        } catch ProbeError.tooDeep(_) where !required {
            field.reading = .leaf(.truncated)
            return nil
        }
    }

    private func need<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        guard let value = try read(type, key, required: true) else { throw ProbeError.badSample("\(T.self)") }
        return value
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try need(type, key) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try read(type, key, required: false) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try need(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try need(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try need(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try need(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try need(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try need(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try need(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try need(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try need(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try need(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try need(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try need(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try need(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try need(type, key) }
    // The protocol's default decodeIfPresent goes through decode, which would make every field required.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try read(type, key, required: false) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try read(type, key, required: false) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try child(key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder { child(ProbeKey(stringValue: "super")) }
    func superDecoder(forKey key: Key) throws -> any Decoder { child(key) }

    private func child(_ key: any CodingKey) -> ProbeDecoder {
        ProbeDecoder(slot: slot.field(key.stringValue, required: true), depth: depth + 1, codingPath: codingPath + [key])
    }
}

/// Both the unkeyed container (one element, then the end: enough to learn what an array
/// holds) and the single-value one; their decode methods are the same but for where the shape goes.
private struct ProbeValues: UnkeyedDecodingContainer, SingleValueDecodingContainer {
    let slot: Slot
    let depth: Int
    let codingPath: [any CodingKey]
    let isArray: Bool

    var count: Int? { depth < probeDepthLimit ? 1 : 0 }
    var currentIndex: Int { slot.element == nil ? 0 : 1 }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try value(type) }

    // Named apart from decode so that the primitive overloads cannot call themselves.
    private func value<T: Decodable>(_ type: T.Type) throws -> T {
        let path = isArray ? codingPath + [ProbeKey(intValue: currentIndex)] : codingPath
        let result = try Probe.value(type, depth: depth, codingPath: path)
        (isArray ? slot.newElement() : slot).reading = .leaf(result.shape)
        return result.value
    }

    func decode(_ type: Bool.Type) throws -> Bool { try value(type) }
    func decode(_ type: String.Type) throws -> String { try value(type) }
    func decode(_ type: Double.Type) throws -> Double { try value(type) }
    func decode(_ type: Float.Type) throws -> Float { try value(type) }
    func decode(_ type: Int.Type) throws -> Int { try value(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try value(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try value(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try value(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try value(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try value(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try value(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try value(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try value(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try value(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try nextElement().container(keyedBy: type)
    }

    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try nextElement().unkeyedContainer() }
    func superDecoder() throws -> any Decoder { nextElement() }

    private func nextElement() -> ProbeDecoder {
        let path = codingPath + [ProbeKey(intValue: currentIndex)]
        return ProbeDecoder(slot: slot.newElement(), depth: depth + 1, codingPath: path)
    }
}
