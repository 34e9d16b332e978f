// SPDX-License-Identifier: Apache-2.0
// Router: literal, `{name}` and greedy `{name*}` segments, 405 listing, and moby's strict trailing slash.

import Testing

@testable import HTTP
@testable import HTTPCore

/// A slice of moby's route table (api/server/router/{system,container,image}), in moby's order.
private let router = Router<String>(routes: [
    Route("GET", "/_ping", "SystemPing", "ping"),
    Route("HEAD", "/_ping", "SystemPingHead", "pingHead"),
    Route("GET", "/info", "SystemInfo", "info"),
    Route("GET", "/containers/json", "ContainerList", "containerList"),
    Route("GET", "/containers/{name}/json", "ContainerInspect", "containerInspect"),
    Route("POST", "/containers/{name}/start", "ContainerStart", "containerStart"),
    Route("DELETE", "/containers/{name}", "ContainerDelete", "containerDelete"),
    Route("GET", "/images/json", "ImageList", "imageList"),
    Route("GET", "/images/{name*}/history", "ImageHistory", "imageHistory"),
    Route("GET", "/images/{name*}/json", "ImageInspect", "imageInspect"),
    Route("POST", "/images/{name*}/tag", "ImageTag", "imageTag"),
    Route("DELETE", "/images/{name*}", "ImageDelete", "imageDelete"),
])

/// The handler and parameters found, or nil.
private func found(_ method: String, _ path: String, in router: Router<String> = router) -> (String, [String: String])? {
    guard case .found(let route, let parameters) = router.match(method: method, path: path) else { return nil }
    return (route.handler, parameters)
}

private func isNotFound(_ method: String, _ path: String) -> Bool {
    if case .notFound = router.match(method: method, path: path) { return true }
    return false
}

private func allowed(_ method: String, _ path: String) -> [String]? {
    guard case .methodNotAllowed(let methods) = router.match(method: method, path: path) else { return nil }
    return methods
}

@Suite struct RouterTests {
    @Test func literalRoutes() throws {
        let info = try #require(found("GET", "/info"))
        #expect(info.0 == "info")
        #expect(info.1.isEmpty)
        #expect(found("GET", "/_ping")?.0 == "ping")
        #expect(found("HEAD", "/_ping")?.0 == "pingHead")
        #expect(found("GET", "/containers/json")?.0 == "containerList")
    }

    @Test func routeKeepsItsMetadata() throws {
        guard case .found(let route, _) = router.match(method: "GET", path: "/containers/abc/json") else {
            Issue.record("no match")
            return
        }
        #expect(route.method == "GET")
        #expect(route.pattern == "/containers/{name}/json")
        #expect(route.operation == "ContainerInspect")
    }

    @Test func parameterTakesOneSegment() throws {
        let inspect = try #require(found("GET", "/containers/4f2a9c/json"))
        #expect(inspect.0 == "containerInspect")
        #expect(inspect.1 == ["name": "4f2a9c"])
        #expect(found("POST", "/containers/web-1/start")?.1 == ["name": "web-1"])
        #expect(found("DELETE", "/containers/web-1")?.1 == ["name": "web-1"])
        #expect(isNotFound("GET", "/containers/a/b/json"))
        #expect(allowed("POST", "/containers/start") == ["DELETE"], "DELETE /containers/{name} matches")
    }

    @Test func parametersAreTheDecodedPath() throws {
        let head = HTTPRequestHead(method: "GET", target: "/containers/my%20app/json?size=1")
        #expect(found(head.method, head.path)?.1 == ["name": "my app"])
    }

    @Test func greedyParameterFollowedByLiterals() throws {
        let inspect = try #require(found("GET", "/images/localhost:5000/team/app:1.0/json"))
        #expect(inspect.0 == "imageInspect")
        #expect(inspect.1 == ["name": "localhost:5000/team/app:1.0"])
        #expect(found("GET", "/images/alpine/json")?.1 == ["name": "alpine"])
        #expect(found("GET", "/images/a/b/history")?.0 == "imageHistory")
        #expect(found("POST", "/images/ghcr.io/o/r@sha256:abc/tag")?.1 == ["name": "ghcr.io/o/r@sha256:abc"])
    }

    @Test func greedyParameterIsGreedy() throws {
        // Go's `{name:.*}` regexp is greedy: the last `/json` is the literal, earlier ones are the name.
        #expect(found("GET", "/images/json/json")?.1 == ["name": "json"])
        #expect(found("GET", "/images/a/json/json")?.1 == ["name": "a/json"])
        #expect(found("GET", "/images/a/history/json")?.1 == ["name": "a/history"])
    }

    @Test func greedyParameterNeedsAtLeastOneSegment() {
        // `/images/json` is the list, not an inspect of an empty name.
        #expect(found("GET", "/images/json")?.0 == "imageList")
        #expect(allowed("GET", "/images/history") == ["DELETE"])
        #expect(found("DELETE", "/images/history")?.1 == ["name": "history"])
    }

    @Test func greedyParameterAtTheEnd() throws {
        let delete = try #require(found("DELETE", "/images/a/b"))
        #expect(delete.0 == "imageDelete")
        #expect(delete.1 == ["name": "a/b"])
        #expect(found("DELETE", "/images/localhost:5000/team/app:1.0")?.1 == ["name": "localhost:5000/team/app:1.0"])
        // A name ending in a literal of another route still deletes when the method says so.
        #expect(found("DELETE", "/images/app/json")?.1 == ["name": "app/json"])
        #expect(isNotFound("DELETE", "/images"))
    }

    @Test func methodNotAllowedListsTheMethodsOfEveryMatchingRoute() {
        #expect(allowed("POST", "/info") == ["GET"])
        #expect(allowed("PUT", "/_ping") == ["GET", "HEAD"])
        #expect(allowed("GET", "/containers/abc") == ["DELETE"])
        // Inspect matches the path and so does the greedy DELETE: both listed, in route order, once each.
        #expect(allowed("PUT", "/images/a/json") == ["GET", "DELETE"])
        #expect(allowed("get", "/info") == ["GET"], "methods are case-sensitive (RFC 9110 §9.1)")
    }

    @Test func notFound() {
        #expect(isNotFound("GET", "/nope"))
        #expect(isNotFound("GET", "/info/more"))
        #expect(isNotFound("GET", "/containers"))
        #expect(isNotFound("GET", "/Info"), "literals are case-sensitive, as in gorilla mux")
    }

    @Test(arguments: ["/info/", "/containers/json/", "/containers/abc/json/", "/images/a/b/json/", "/images/a/b/", "//"])
    func trailingSlashIsNotFound(path: String) {
        // moby's gorilla mux runs with StrictSlash(false): `/info/` is a different path and answers 404.
        #expect(isNotFound("GET", path))
        #expect(isNotFound("DELETE", path))
    }

    @Test func emptyInnerSegmentsCollapse() {
        // moby's mux answers `//info` or `/containers//json` with a 301 to the cleaned path; we
        // serve the cleaned path directly, which is where a client following the redirect lands.
        #expect(found("GET", "//info")?.0 == "info")
        #expect(found("GET", "/containers//json")?.0 == "containerList")
        #expect(found("GET", "/images/a//b/json")?.1 == ["name": "a/b"])
    }

    @Test func emptyPathMatchesOnlyARootRoute() {
        #expect(isNotFound("GET", "/"))
        #expect(isNotFound("GET", ""))
        let rooted = Router<String>(routes: [Route("GET", "/", "Root", "root"), Route("GET", "/{name}", "One", "one")])
        #expect(found("GET", "/", in: rooted)?.0 == "root")
        #expect(found("GET", "/x", in: rooted)?.1 == ["name": "x"])
    }

    @Test func earlierRoutesWin() {
        let overlapping = Router<String>(routes: [Route("GET", "/a/{x}", "Param", "param"), Route("GET", "/a/b", "Literal", "literal")])
        #expect(found("GET", "/a/b", in: overlapping)?.0 == "param")
        let reversed = Router<String>(routes: overlapping.routes.reversed())
        #expect(found("GET", "/a/b", in: reversed)?.0 == "literal")
    }
}

/// The lookup table for parameter-free paths gives what the full scan gives, including where a
/// parameter route claims a literal path (moby's order decides, e.g. `DELETE /containers/json`).
@Suite struct RouterLiteralLookupTests {
    private func describe(_ match: Router<String>.Match) -> String {
        switch match {
        case .found(let route, let parameters): "found \(route.handler) \(parameters.sorted { $0.key < $1.key })"
        case .methodNotAllowed(let methods): "405 \(methods)"
        case .notFound: "404"
        }
    }

    @Test func literalPathsMatchAsTheScanDoes() {
        for path in ["/_ping", "/info", "/containers/json", "/images/json"] {
            for method in ["GET", "HEAD", "POST", "DELETE", "PUT", "PATCH"] {
                #expect(describe(router.match(method: method, path: path)) == describe(Router.scan(router.routes, method: method, path: path)),
                        "\(method) \(path)")
            }
        }
        #expect(describe(router.match(method: "DELETE", path: "/containers/json")) == #"found containerDelete [(key: "name", value: "json")]"#)
        #expect(describe(router.match(method: "DELETE", path: "/images/json")) == #"found imageDelete [(key: "name", value: "json")]"#)
        #expect(describe(router.match(method: "POST", path: "/_ping")) == #"405 ["GET", "HEAD"]"#)
    }
}
