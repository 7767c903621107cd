import AnpeiDomain
import AnpeiWire
import Foundation
import Testing
import Yams

/// openapi.yaml and the Swift wire types describe the same JSON: every schema, request and
/// response body is compared field by field, both ways, so neither can drift from the other.
@Suite("OpenAPI schemas agree with the Swift wire types")
struct OpenAPISchemaTests {
    @Test("every component schema has a Swift wire type and every wire type a schema")
    func schemaNames() throws {
        let documented = Set(try SchemaDocument.load().schemas.keys).subtracting(WireContract.untypedSchemas)
        let swift = Set(WireContract.schemas.keys)
        #expect(documented.subtracting(swift).isEmpty, "schemas without a Swift type: \(documented.subtracting(swift).sorted())")
        #expect(swift.subtracting(documented).isEmpty, "Swift types without a schema: \(swift.subtracting(documented).sorted())")
    }

    @Test("each component schema matches its Swift type")
    func componentSchemas() throws {
        let document = try SchemaDocument.load()
        var diffs: [String] = []
        for (name, type) in WireContract.schemas.sorted(by: { $0.key < $1.key }) {
            guard let schema = document.schemas[name] else { continue }  // reported by schemaNames
            diffs += document.differences(type, schema, at: name)
        }
        #expect(diffs.isEmpty, "\(diffs.joined(separator: "\n"))")
    }

    @Test("each operation's request and response bodies match the Swift types")
    func operationBodies() throws {
        let document = try SchemaDocument.load()
        var diffs: [String] = []
        var wire: [String: WireOperation] = [:]
        for operation in WireContract.operations {
            let key = "\(operation.method.uppercased()) \(operation.path)"
            if wire[key] != nil { diffs.append("\(key): listed twice in WireContract.operations") }
            wire[key] = operation
        }
        let documented = document.operations
        for key in Set(documented.keys).subtracting(wire.keys).sorted() { diffs.append("\(key): documented, not in WireContract.operations") }
        for key in Set(wire.keys).subtracting(documented.keys).sorted() { diffs.append("\(key): in WireContract.operations, not documented") }
        for (key, operation) in documented.sorted(by: { $0.key < $1.key }) {
            guard let swift = wire[key] else { continue }
            diffs += document.bodyDifferences(operation, swift, at: key)
        }
        #expect(diffs.isEmpty, "\(diffs.joined(separator: "\n"))")
    }

    @Test("the probe reports the exact shape a type reads")
    func probeShapes() throws {
        let text = Shape.string(format: nil, enumValues: nil)
        let line = Shape.object(["sku": .init(shape: text, required: true), "quantity": .init(shape: .integer, required: false)])
        let expected = Shape.object([
            "name": .init(shape: text, required: true),
            "count": .init(shape: .integer, required: false),
            "lines": .init(shape: .array(line), required: true),
            "tally": .init(shape: .map(.integer), required: true),
            "id": .init(shape: .string(format: "uuid", enumValues: nil), required: true),
            "at": .init(shape: .string(format: "date-time", enumValues: nil), required: true),
            "on": .init(shape: .string(format: "date", enumValues: nil), required: true),
            "colour": .init(shape: .string(format: nil, enumValues: ["green", "red"]), required: true),
            "ratio": .init(shape: .number, required: true),
            "flag": .init(shape: .boolean, required: true),
        ])
        #expect(try probe(ProbeSample.self) == expected)
        #expect(try probe(ProbeSample.self as any Decodable.Type) == expected)
        #expect(try probe(OptionalThroughDecode.self) == .object(["note": .init(shape: text, required: false)]))
        #expect(try probe(CivilDate?.self) == .optional(.string(format: "date", enumValues: nil)))
        #expect(try probe(Int.self) == .integer)
    }

    @Test("a schema that disagrees with a type is reported field by field")
    func mismatchesReported() throws {
        let document = SchemaDocument(root: [:])
        let agreeing: [String: Any] = [
            "type": "object", "required": ["sku"],
            "properties": ["sku": ["type": "string"], "quantity": ["type": ["integer", "null"]]] as [String: Any],
        ]
        #expect(document.differences(ProbeSample.Line.self, agreeing, at: "Line").isEmpty)
        let differing: [String: Any] = [
            "type": "object", "required": ["sku", "quantity"],
            "properties": ["sku": ["type": "integer"], "quantity": ["type": "integer"], "batch": ["type": "string"]],
        ]
        #expect(document.differences(ProbeSample.Line.self, differing, at: "Line") == [
            "Line.batch: in schema, not in Swift",
            "Line.quantity: optional in Swift, required in schema",
            "Line.sku: Swift string, schema integer",
        ])
    }
}

private enum Colour: String, WireEnum { case red, green }

private struct ProbeSample: Codable {
    struct Line: Codable {
        let sku: String
        let quantity: Int?
    }

    let name: String
    let count: Int?
    let lines: [Line]
    let tally: [String: Int]
    let id: UUID
    let at: Foundation.Date
    let on: CivilDate
    let colour: Colour
    let ratio: Double
    let flag: Bool
}

/// Reads an Optional with `decode`, not `decodeIfPresent`, as hand-written decoders sometimes do.
private struct OptionalThroughDecode: Decodable {
    enum CodingKeys: String, CodingKey { case note }
    let note: String?

    init(from decoder: any Decoder) throws {
        note = try decoder.container(keyedBy: CodingKeys.self).decode(String?.self, forKey: .note)
    }
}

/// Yams builds mappings as [AnyHashable: Any]; a status code written without quotes is an Int key.
private func dictionary(_ node: Any?) -> [String: Any]? {
    if let strings = node as? [String: Any] { return strings }
    guard let mapping = node as? [AnyHashable: Any] else { return nil }
    return Dictionary(mapping.map { ("\($0.key.base)", $0.value) }, uniquingKeysWith: { first, _ in first })
}

/// Every $ref, property, item and allOf member is a level; the deepest schema here (PersonPage)
/// uses about ten. Only a schema that contains itself gets to the limit.
private let schemaDepthLimit = 32

/// openapi.yaml as Yams loads it, read into the probe's `Shape`s.
private struct SchemaDocument {
    struct Unreadable: Error {}

    let root: [String: Any]

    static func load() throws -> SchemaDocument {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("openapi.yaml")
        guard let root = dictionary(try Yams.load(yaml: String(contentsOf: url, encoding: .utf8))) else { throw Unreadable() }
        return SchemaDocument(root: root)
    }

    var schemas: [String: Any] { dictionary(dictionary(root["components"])?["schemas"]) ?? [:] }

    /// "METHOD path" -> the operation object.
    var operations: [String: [String: Any]] {
        var found: [String: [String: Any]] = [:]
        for (path, item) in dictionary(root["paths"]) ?? [:] {
            for method in ["get", "put", "post", "delete", "patch"] {
                if let operation = dictionary(dictionary(item)?[method]) { found["\(method.uppercased()) \(path)"] = operation }
            }
        }
        return found
    }

    func differences(_ type: any Decodable.Type, _ schema: Any, at path: String) -> [String] {
        do {
            return shapeDifferences(swift: try probe(type), schema: shape(schema), at: path)
        } catch {
            return ["\(path): probing \(type) failed: \(error)"]
        }
    }

    func bodyDifferences(_ operation: [String: Any], _ wire: WireOperation, at key: String) -> [String] {
        var diffs: [String] = []
        let at = "\(key) request"
        switch (jsonSchema(operation["requestBody"], types: ["application/json"]), wire.request) {
        case (nil, nil): break
        case (_?, nil): diffs.append("\(at): documented JSON body, no Swift request type")
        case (nil, _?): diffs.append("\(at): Swift request type, no documented JSON body")
        case let (schema?, type?): diffs += differences(type, schema, at: at)
        }
        var documented: [Int: Any] = [:]
        for (status, response) in dictionary(operation["responses"]) ?? [:] {
            // "default" and ranges such as "4XX" name no single status to look up.
            guard let code = Int(status) else { continue }
            documented[code] = jsonSchema(response, types: ["application/json", "application/problem+json"])
        }
        for code in Set(documented.keys).union(wire.responses.keys).sorted() {
            let at = "\(key) \(code)"
            switch (documented[code], wire.responses[code]) {
            case (nil, nil): break
            case (_?, nil): diffs.append("\(at): documented JSON body, no Swift response type")
            case (nil, _?): diffs.append("\(at): Swift response type, no documented JSON body")
            case let (schema?, type?): diffs += differences(type, schema, at: at)
            }
        }
        return diffs
    }

    /// The schema of the first of `types` a request body or response carries (text/csv and
    /// application/yaml bodies have no Swift type to compare).
    private func jsonSchema(_ node: Any?, types: [String]) -> Any? {
        let content = dictionary(resolve(node)?["content"])
        return types.lazy.compactMap { dictionary(content?[$0])?["schema"] }.first
    }

    private func resolve(_ node: Any?) -> [String: Any]? {
        var resolved = dictionary(node)
        for _ in 0..<schemaDepthLimit {
            guard let ref = resolved?["$ref"] as? String else { break }
            resolved = pointer(ref)
        }
        return resolved
    }

    private func pointer(_ ref: String) -> [String: Any]? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: Any? = root
        for part in ref.dropFirst(2).split(separator: "/") {
            let name = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            node = dictionary(node)?[name]
        }
        return dictionary(node)
    }

    func shape(_ node: Any, depth: Int = 0) -> Shape {
        guard depth < schemaDepthLimit else { return .truncated }
        if let flag = node as? Bool { return flag ? .any : .invalid("the false schema") }
        guard let schema = dictionary(node) else { return .invalid("not a schema: \(node)") }
        // Keywords beside $ref here only annotate (description, minLength), so the target decides.
        if let ref = schema["$ref"] as? String {
            guard let target = pointer(ref) else { return .invalid("unresolved \(ref)") }
            return shape(target, depth: depth + 1)
        }
        if let members = schema["allOf"] as? [Any] { return allOf(members.map { shape($0, depth: depth + 1) }) }
        if let members = (schema["anyOf"] ?? schema["oneOf"]) as? [Any] { return anyOf(members, depth: depth) }
        let declared = (schema["type"] as? [Any])?.compactMap { $0 as? String } ?? [schema["type"] as? String].compactMap { $0 }
        let types = declared.filter { $0 != "null" }
        // No type, or several, leaves any value; properties alone still make an object.
        let type = types.count > 1 ? nil : types.first ?? (schema["properties"] == nil ? nil : "object")
        let base: Shape
        switch type {
        case "string"?:
            let values = (schema["enum"] as? [Any])?.compactMap { $0 is NSNull ? nil : "\($0)" }
            base = .text(format: schema["format"] as? String, enumValues: values)
        case "integer"?: base = .integer
        case "number"?: base = .number
        case "boolean"?: base = .boolean
        case "array"?: base = .array(schema["items"].map { shape($0, depth: depth + 1) } ?? .any)
        case "object"?: base = object(schema, depth: depth)
        case nil: base = .any
        case let other?: base = .invalid("type \(other)")
        }
        let nullable = declared.contains("null") || schema["nullable"] as? Bool == true
        return nullable ? .optional(base) : base
    }

    private func object(_ schema: [String: Any], depth: Int) -> Shape {
        // additionalProperties beside properties only marks extra request fields as allowed.
        guard let properties = dictionary(schema["properties"]) else {
            if let allowed = schema["additionalProperties"] as? Bool { return allowed ? .map(.any) : .object([:]) }
            return .map(schema["additionalProperties"].map { shape($0, depth: depth + 1) } ?? .any)
        }
        let required = Set((schema["required"] as? [Any])?.compactMap { $0 as? String } ?? [])
        return .object(Dictionary(uniqueKeysWithValues: properties.map { name, property in
            (name, Shape.Property(shape: shape(property, depth: depth + 1).unwrapped, required: required.contains(name)))
        }))
    }

    private func allOf(_ members: [Shape]) -> Shape {
        if members.count == 1 { return members[0] }
        if members.contains(.truncated) { return .truncated }
        var merged: [String: Shape.Property] = [:]
        for member in members {
            guard case .object(let properties) = member.unwrapped else { return .invalid("allOf with a \(member) member") }
            merged.merge(properties) { first, later in
                Shape.Property(shape: first.shape, required: first.required || later.required)
            }
        }
        return .object(merged)
    }

    /// [X, null] is a nullable X. An empty string (maxLength 0) beside a date means "left out",
    /// like null. Any other union has no single shape, so it is any value.
    private func anyOf(_ members: [Any], depth: Int) -> Shape {
        var nullable = false
        var rest: [Any] = []
        for member in members {
            let schema = dictionary(member)
            if schema?["type"] as? String == "null" || (schema?["type"] as? String == "string" && schema?["maxLength"] as? Int == 0) {
                nullable = true
            } else {
                rest.append(member)
            }
        }
        let base = rest.count == 1 ? shape(rest[0], depth: depth + 1) : .any
        return nullable ? .optional(base) : base
    }
}

/// Every way the two shapes disagree, each prefixed with where. Nullability is not compared:
/// some optional request fields are documented without null.
private func shapeDifferences(swift: Shape, schema: Shape, at path: String) -> [String] {
    switch (swift.unwrapped, schema.unwrapped) {
    case (.truncated, _), (_, .truncated): return []
    case let (_, .invalid(why)): return ["\(path): schema not understood: \(why)"]
    case (.any, .any), (.integer, .integer), (.number, .number), (.number, .integer), (.boolean, .boolean): return []
    // A documented union (a question's answer: letters or a truth value) has no
    // single shape; the Swift probe sees one member of it.
    case (.boolean, .any), (.string, .any): return []
    case let (.array(swiftItem), .array(schemaItem)): return shapeDifferences(swift: swiftItem, schema: schemaItem, at: path + "[]")
    case let (.map(swiftValue), .map(schemaValue)): return shapeDifferences(swift: swiftValue, schema: schemaValue, at: path + "{}")
    case let (.string(swiftFormat, swiftValues), .string(schemaFormat, schemaValues)):
        var diffs: [String] = []
        // A Swift String carries any documented string format (uuid, date: the
        // service validates them); a typed Swift value (UUID, Date, CivilDate)
        // must be documented with its format.
        if let swiftFormat, swiftFormat != schemaFormat {
            diffs.append("\(path): format \(swiftFormat) in Swift, \(schemaFormat ?? "none") in schema")
        }
        switch (swiftValues, schemaValues) {
        case (nil, nil): break
        case let (values?, nil): diffs.append("\(path): Swift enum [\(values.joined(separator: ", "))], schema a plain string")
        // A Swift String carries a documented enum (the service checks the value
        // and answers 422 naming the field); a Swift enum must be documented.
        case (nil, _?): break
        case let (swiftValues?, schemaValues?):
            let onlySchema = Set(schemaValues).subtracting(swiftValues).sorted()
            let onlySwift = Set(swiftValues).subtracting(schemaValues).sorted()
            if !onlySchema.isEmpty { diffs.append("\(path): enum values in schema, not in Swift: \(onlySchema.joined(separator: ", "))") }
            if !onlySwift.isEmpty { diffs.append("\(path): enum values in Swift, not in schema: \(onlySwift.joined(separator: ", "))") }
        }
        return diffs
    case let (.object(swiftProperties), .object(schemaProperties)):
        var diffs: [String] = []
        for name in Set(swiftProperties.keys).union(schemaProperties.keys).sorted() {
            let at = "\(path).\(name)"
            guard let swift = swiftProperties[name] else { diffs.append("\(at): in schema, not in Swift"); continue }
            guard let schema = schemaProperties[name] else { diffs.append("\(at): in Swift, not in schema"); continue }
            if swift.required != schema.required {
                diffs.append("\(at): \(swift.required ? "required" : "optional") in Swift, \(schema.required ? "required" : "optional") in schema")
            }
            diffs += shapeDifferences(swift: swift.shape, schema: schema.shape, at: at)
        }
        return diffs
    case let (swiftShape, schemaShape): return ["\(path): Swift \(swiftShape), schema \(schemaShape)"]
    }
}
