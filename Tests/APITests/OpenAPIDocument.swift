// SPDX-License-Identifier: Apache-2.0
// Loads openapi/berth.json and checks JSON values against its component schemas (the subset of OpenAPI 3.0 it uses).

import Foundation

/// The OpenAPI description of berthd, read from the package's `openapi/` folder.
struct OpenAPIDocument: Sendable {
    let root: JSONValue

    /// One operation of the document.
    struct Operation {
        let method: String
        let path: String
        let body: JSONValue
    }

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// `<package root>/openapi/berth.json`; the package root is three levels above this file.
    static var fileURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("openapi/berth.json")
    }

    static func load() throws -> OpenAPIDocument {
        let data = try Data(contentsOf: fileURL)
        return OpenAPIDocument(root: try JSONDecoder().decode(JSONValue.self, from: data))
    }

    /// Every operation under `paths`, with the method upper-cased.
    var operations: [Operation] {
        var found: [Operation] = []
        for (path, item) in root["paths"]?.object ?? [:] {
            for (method, body) in item.object ?? [:] where Self.methods.contains(method) {
                found.append(Operation(method: method.uppercased(), path: path, body: body))
            }
        }
        return found
    }

    /// The target of a local `$ref` such as `#/components/schemas/SystemInfo`.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for key in reference.dropFirst(2).split(separator: "/") { node = node?[String(key)] }
        return node
    }

    /// Every `$ref` string anywhere in the document.
    func allReferences() -> [String] {
        var found: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if let reference = members["$ref"]?.string { found.append(reference) }
                members.values.forEach(walk)
            case .array(let elements): elements.forEach(walk)
            default: break
            }
        }
        walk(root)
        return found
    }

    /// Problems found checking `value` against the schema `schemaName`; empty when it conforms. Objects with declared
    /// `properties` and no `additionalProperties` must not carry undeclared keys: everything berthd sends is documented.
    func violations(of value: JSONValue, against schemaName: String) -> [String] {
        var problems: [String] = []
        check(value, .object(["$ref": .string("#/components/schemas/\(schemaName)")]), at: schemaName, &problems)
        return problems
    }

    /// Checks `value` against an inline `schema` (e.g. a response's), appending problems.
    func check(_ value: JSONValue, against schema: JSONValue, problems: inout [String]) {
        check(value, schema, at: "body", &problems)
    }

    /// `schema` with its `$ref` followed and its `allOf` parts merged into one schema: properties and required keys
    /// are joined, the other keys of the outer schema win (so `{"allOf": [X], "nullable": true}` is a nullable X).
    /// Checking the merged schema lets an object hold the keys of every part (HostConfig = Resources + its own keys).
    func flattened(_ schema: JSONValue) -> JSONValue? {
        if let reference = schema["$ref"]?.string {
            guard let target = resolve(reference) else { return nil }
            return flattened(target)
        }
        guard var members = schema.object, let parts = members.removeValue(forKey: "allOf")?.array else { return schema }
        var properties = members["properties"]?.object ?? [:]
        var required = members["required"]?.array ?? []
        for part in parts {
            guard let merged = flattened(part)?.object else { return nil }
            properties.merge(merged["properties"]?.object ?? [:]) { outer, _ in outer }
            required += merged["required"]?.array ?? []
            members.merge(merged) { outer, _ in outer }
        }
        if !properties.isEmpty { members["properties"] = .object(properties) }
        if !required.isEmpty { members["required"] = .array(required) }
        return .object(members)
    }

    private func check(_ value: JSONValue, _ original: JSONValue, at path: String, _ problems: inout [String]) {
        guard let schema = flattened(original) else { return problems.append("\(path): unresolved reference in \(original)") }
        if value == .null {
            if schema["nullable"]?.bool != true && schema["type"] != nil { problems.append("\(path): null but not nullable") }
            return
        }
        if let allowed = schema["enum"]?.array, !allowed.contains(value) {
            problems.append("\(path): \(value) not in enum")
        }
        switch schema["type"]?.string {
        case "object": checkObject(value, schema, at: path, &problems)
        case "array":
            guard let elements = value.array else { return problems.append("\(path): expected array") }
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() { check(element, items, at: "\(path)[\(index)]", &problems) }
            }
        case "string": if value.string == nil { problems.append("\(path): expected string") }
        case "integer": if value.int == nil { problems.append("\(path): expected integer") }
        case "boolean": if value.bool == nil { problems.append("\(path): expected boolean") }
        case "number":
            switch value {
            case .int, .double: break
            default: problems.append("\(path): expected number")
            }
        case nil:
            if schema["properties"] != nil { checkObject(value, schema, at: path, &problems) }
        case let other?: problems.append("\(path): unknown schema type \(other)")
        }
    }

    private func checkObject(_ value: JSONValue, _ schema: JSONValue, at path: String, _ problems: inout [String]) {
        guard let members = value.object else { return problems.append("\(path): expected object") }
        let properties = schema["properties"]?.object
        for name in schema["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil {
            problems.append("\(path): missing required \(name)")
        }
        for (key, member) in members {
            if let property = properties?[key] {
                check(member, property, at: "\(path).\(key)", &problems)
            } else if let additional = schema["additionalProperties"] {
                if additional == .bool(false) {
                    problems.append("\(path): undeclared key \(key)")
                } else if additional.object != nil {
                    check(member, additional, at: "\(path).\(key)", &problems)
                }
            } else if properties != nil {
                problems.append("\(path): undeclared key \(key)")
            }
        }
    }
}
