// SPDX-License-Identifier: Apache-2.0
// openapi/berth.json describes exactly the routes DockerAPI serves: same (method, path) pairs, operationIds, path parameters.

import API
import Engine
import HTTP
import Testing

@Suite struct OpenAPIContractTests {
    struct Endpoint: Hashable, CustomStringConvertible {
        let method: String
        let path: String
        var description: String { "\(method) \(path)" }
    }

    /// `{name*}` (the router's multi-segment parameter) is written `{name}` in OpenAPI.
    static func openAPIPath(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            part.hasPrefix("{") && part.hasSuffix("*}") ? part.dropLast(2) + "}" : String(part)
        }.joined(separator: "/")
    }

    /// The `{name}` parameters of a path.
    static func pathParameters(_ path: String) -> Set<String> {
        Set(path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) })
    }

    static func served() async throws -> [Endpoint: String] {
        let routes = DockerAPI.routes(engine: try await makeEngine())
        var table: [Endpoint: String] = [:]
        for route in routes { table[Endpoint(method: route.method, path: openAPIPath(route.pattern))] = route.operation }
        #expect(table.count == routes.count, "two routes share a method and path")
        return table
    }

    static func documented(_ document: OpenAPIDocument) -> [Endpoint: String] {
        var table: [Endpoint: String] = [:]
        for operation in document.operations {
            table[Endpoint(method: operation.method, path: operation.path)] = operation.body["operationId"]?.string ?? "<none>"
        }
        return table
    }

    @Test func pathNormalisation() {
        #expect(Self.openAPIPath("/images/{name*}/json") == "/images/{name}/json")
        #expect(Self.openAPIPath("/berth/tokens/{id}") == "/berth/tokens/{id}")
        #expect(Self.pathParameters("/images/{name}/tag/{tag}") == ["name", "tag"])
    }

    @Test func documentIsOpenAPI303ForAPIVersion150() throws {
        let document = try OpenAPIDocument.load()
        #expect(document.root["openapi"]?.string == "3.0.3")
        #expect(document.root["info"]?["title"]?.string == "Berth Engine API")
        #expect(document.root["info"]?["version"]?.string == APIVersion.current.text)
        let servers = document.root["servers"]?.array ?? []
        #expect(
            servers.contains {
                $0["url"]?.string == "/v{version}" && $0["variables"]?["version"]?["default"]?.string == APIVersion.current.text
            })
        let bearer = document.root["components"]?["securitySchemes"]?["bearerAuth"]
        #expect(bearer?["type"]?.string == "http" && bearer?["scheme"]?.string == "bearer")
        #expect(bearer?["description"]?.string?.contains("--tokens") == true)
    }

    @Test func everyServedRouteIsDocumented() async throws {
        let served = try await Self.served()
        let documented = Self.documented(try OpenAPIDocument.load())
        for (endpoint, operation) in served.sorted(by: { $0.key.description < $1.key.description }) {
            #expect(documented[endpoint] != nil, "\(endpoint) (\(operation)) is served but missing from openapi/berth.json")
        }
        #expect(served.count >= 9)
    }

    @Test func everyDocumentedOperationIsServed() async throws {
        let served = try await Self.served()
        let documented = Self.documented(try OpenAPIDocument.load())
        for endpoint in documented.keys.sorted(by: { $0.description < $1.description }) {
            #expect(served[endpoint] != nil, "\(endpoint) is in openapi/berth.json but the router does not serve it")
        }
        #expect(Set(documented.keys) == Set(served.keys))
    }

    @Test func operationIdsMatchTheRouteTable() async throws {
        let served = try await Self.served()
        let documented = Self.documented(try OpenAPIDocument.load())
        for (endpoint, operation) in served {
            #expect(
                documented[endpoint] == operation, "\(endpoint): router says \(operation), spec says \(documented[endpoint] ?? "nothing")")
        }
        let ids = Array(documented.values)
        #expect(Set(ids).count == ids.count, "operationIds must be unique")
    }

    @Test func pathParametersAreDeclared() async throws {
        let document = try OpenAPIDocument.load()
        let routes = DockerAPI.routes(engine: try await makeEngine())
        for route in routes {
            let path = Self.openAPIPath(route.pattern)
            guard let operation = document.operations.first(where: { $0.method == route.method && $0.path == path }) else { continue }
            // Parameters may sit on the path item (shared) or on the operation.
            let shared = document.root["paths"]?[path]?["parameters"]?.array ?? []
            let declared = (shared + (operation.body["parameters"]?.array ?? [])).filter { $0["in"]?.string == "path" }
            let names = Set(declared.compactMap { $0["name"]?.string })
            #expect(names == Self.pathParameters(path), "\(route.method) \(path): path parameters declared \(names.sorted())")
            #expect(declared.allSatisfy { $0["required"]?.bool == true }, "\(route.method) \(path): path parameters must be required")
        }
    }

    @Test func everyOperationDocumentsSuccessAuthAndServerErrors() throws {
        let document = try OpenAPIDocument.load()
        for operation in document.operations {
            let codes = Set(operation.body["responses"]?.object?.keys.map { $0 } ?? [])
            let name = "\(operation.method) \(operation.path)"
            #expect(codes.contains { $0.hasPrefix("2") }, "\(name): no 2xx response")
            #expect(codes.contains("400"), "\(name): a version outside the served range is a 400")
            #expect(codes.contains("401"), "\(name): TCP listeners with --tokens answer 401")
            #expect(codes.contains("500"), "\(name): no 500 response")
            if !TokenScope.read.permits(method: operation.method) {
                #expect(codes.contains("403"), "\(name): a read-scope token gets 403")
            }
            #expect(operation.body["tags"]?.array?.isEmpty == false, "\(name): untagged")
        }
    }

    @Test func everyReferenceResolves() throws {
        let document = try OpenAPIDocument.load()
        let references = document.allReferences()
        #expect(references.count > 50)
        for reference in Set(references).sorted() {
            #expect(document.resolve(reference) != nil, "unresolved \(reference)")
        }
    }
}
