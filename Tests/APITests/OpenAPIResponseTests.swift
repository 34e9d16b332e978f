// SPDX-License-Identifier: Apache-2.0
// What berthd actually answers matches openapi/berth.json: documented status, media type, and body schema.

import API
import Engine
import Foundation
import HTTPCore
import Models
import Testing

@Suite struct OpenAPIResponseTests {
    /// One request per operationId, made against an engine with a few events and one token; containers last.
    static func sampleResponses() async throws -> [String: HTTPResponse] {
        let (api, engine) = try await makeAPI()
        await engine.events.publish(.container, "start", actor: "c0ffee", attributes: ["name": "web", "image": "busybox:latest"])
        await engine.events.publish(.image, "pull", actor: "busybox:latest")
        await engine.events.publish(.network, "create", actor: "n1", attributes: ["name": "front", "type": "bridge"])
        let created = try await engine.tokens.create(TokenCreateRequest(name: "sample", scope: "read", expiresIn: 3600))
        let until = eventTimestamp(EventBus.nowNanos())
        let requests: KeyValuePairs<String, HTTPRequest> = [
            "SystemPing": .make("GET", "/_ping"),
            "SystemPingHead": .make("HEAD", "/_ping"),
            "SystemVersion": .make("GET", "/version"),
            "SystemInfo": .make("GET", "/info"),
            "SystemDataUsage": .make("GET", "/system/df"),
            "SystemEvents": .make("GET", "/events?since=0&until=\(until)"),
            "BerthTokenCreate": .json("POST", "/berth/tokens", #"{"Name":"new","Scope":"admin","ExpiresIn":60}"#),
            "BerthTokenList": .make("GET", "/berth/tokens"),
            "BerthTokenRevoke": .make("DELETE", "/berth/tokens/\(created.summary.id)"),
            // In order: the import makes the image the other image routes use.
            "ImageCreate": .binary("POST", "/images/create?fromSrc=-&repo=sample&tag=1&changes=CMD%20sh", makeTar([("hello.txt", "hi\n")])),
            "ImageList": .make("GET", "/images/json"),
            "ImageInspect": .make("GET", "/images/sample:1/json"),
            "ImageHistory": .make("GET", "/images/sample:1/history"),
            "ImageTag": .make("POST", "/images/sample:1/tag?repo=other&tag=2"),
            // Nothing listens on port 1: the push reports its failure inside the progress stream.
            "ImageTagForPush": .make("POST", "/images/sample:1/tag?repo=127.0.0.1:1/sample&tag=1"),
            "ImagePush": .make("POST", "/images/127.0.0.1:1/sample/push?tag=1"),
            "SystemAuth": .json("POST", "/auth", #"{"username":"u","password":"p","serveraddress":"127.0.0.1:1"}"#),
            "ImageDelete": .make("DELETE", "/images/other:2"),
            "ImageGet": .make("GET", "/images/sample:1/get"),
            "ImageGetAll": .make("GET", "/images/get?names=sample:1&names=sample"),
            // Quiet: the response check reads one JSON document.
            "ImageLoad": .binary("POST", "/images/load?quiet=1", makeImageArchive(tag: "loaded:1")),
            "ImagePrune": .make("POST", "/images/prune"),
            "DistributionInspect": .make("GET", "/distribution/127.0.0.1:1/sample:1/json"),
            "ImageSearch": .make("GET", "/images/search?term=127.0.0.1:1/sample"),
        ]
        var responses: [String: HTTPResponse] = [:]
        for (operation, request) in requests.map({ ($0.key, $0.value) }) + OpenAPIContainerSamples.requests() {
            responses[operation] = await api.handle(request)
        }
        return responses
    }

    static func mediaType(_ contentType: String?) -> String {
        String(contentType?.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces)
    }

    @Test func successResponsesMatchTheDocument() async throws {
        let document = try OpenAPIDocument.load()
        let responses = try await Self.sampleResponses()
        for operation in document.operations {
            let id = operation.body["operationId"]?.string ?? ""
            guard let response = responses[id] else {
                Issue.record("no sample request for \(id): add one when adding a route")
                continue
            }
            var documented = operation.body["responses"]?[String(response.code)]
            if let reference = documented?["$ref"]?.string { documented = document.resolve(reference) }
            #expect(documented != nil, "\(id): status \(response.code) is not documented")
            guard let content = documented?["content"]?.object else {
                // The HTTP layer never sends a body in answer to HEAD (RFC 9110 §9.3.2), nor with 1xx, 204 or 304
                // (§6.4.1): a 304 error's `{"message"}` stays on this side of the wire.
                let bodyless = operation.method == "HEAD" || response.code < 200 || response.code == 204 || response.code == 304
                if !bodyless {
                    #expect(try await response.bodyBytes().isEmpty, "\(id): body sent where none is documented")
                }
                continue
            }
            let media = Self.mediaType(response.headers["Content-Type"])
            guard let schema = content[media]?["schema"] else {
                Issue.record("\(id): Content-Type \(media) not documented (\(content.keys.sorted()))")
                continue
            }
            guard media == "application/json" else { continue }
            let text = try await response.text()
            // /events and progress are streams of JSON documents, one per line; the rest are one document.
            let streams: Set<String> = ["SystemEvents", "ImageCreate", "ImagePush"]
            let documents = streams.contains(id) ? text.split(separator: "\n").map(String.init) : [text]
            if id == "SystemEvents" { #expect(documents.count == 4, "3 published events and the token's `token create`") }
            for body in documents {
                let value = try JSONCoding.decode(JSONValue.self, from: body)
                var problems: [String] = []
                document.check(value, against: schema, problems: &problems)
                #expect(problems.isEmpty, "\(id): \(problems.joined(separator: "; "))")
            }
        }
    }

    @Test func errorBodiesMatchErrorResponse() async throws {
        let document = try OpenAPIDocument.load()
        let (api, _) = try await makeAPI()
        for target in ["/nosuch", "/v1.99/info", "/events?filters=%7B%22foo%22%3A%5B%22x%22%5D%7D"] {
            let response = await api.handle(.make("GET", target))
            #expect(response.code >= 400)
            #expect(response.headers["Content-Type"] == "application/json")
            let problems = document.violations(of: try await response.json(), against: "ErrorResponse")
            #expect(problems.isEmpty, "\(target): \(problems)")
        }
    }

    @Test func validatorRejectsUndocumentedKeysAndWrongTypes() throws {
        let document = try OpenAPIDocument.load()
        #expect(document.violations(of: .object(["message": .string("x")]), against: "ErrorResponse").isEmpty)
        #expect(!document.violations(of: .object([:]), against: "ErrorResponse").isEmpty, "required message")
        #expect(!document.violations(of: .object(["message": .int(1)]), against: "ErrorResponse").isEmpty, "wrong type")
        #expect(!document.violations(of: .object(["message": .string("x"), "extra": .bool(true)]), against: "ErrorResponse").isEmpty)
        #expect(
            !document.violations(
                of: .object(["ID": .string("a"), "Name": .string("b"), "Scope": .string("root"), "CreatedAt": .string("c")]),
                against: "TokenSummary"
            ).isEmpty, "enum")
        // HostConfig is allOf [Resources, its own keys]: an object may hold the keys of both parts, and no others.
        #expect(document.violations(of: .object(["Memory": .int(1), "NetworkMode": .string("bridge")]), against: "HostConfig").isEmpty)
        #expect(!document.violations(of: .object(["Memory": .string("1")]), against: "HostConfig").isEmpty, "wrong type in a part")
        #expect(!document.violations(of: .object(["Nope": .int(1)]), against: "HostConfig").isEmpty, "key of neither part")
        // `{"allOf": [$ref], "nullable": true}` is a nullable reference; the referenced schema alone is not nullable.
        #expect(document.violations(of: .object(["PortBindings": .null]), against: "HostConfig").isEmpty)
        #expect(!document.violations(of: .null, against: "PortMap").isEmpty)
    }
}
