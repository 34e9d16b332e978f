// SPDX-License-Identifier: Apache-2.0
// DockerAPI's outer layer: /vX.Y prefixes and the served range, common headers, not-found, OPTIONS, HEAD /_ping.

import API
import Engine
import HTTPCore
import Testing

@Suite struct VersioningAndRoutingTests {
    @Test func currentVersionPrefixIsServed() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/v1.50/_ping"))
        #expect(response.code == 200)
        #expect(try await response.text() == "OK")
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
    }

    @Test func unversionedPathIsServed() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/_ping"))
        #expect(response.code == 200)
        #expect(try await response.text() == "OK")
    }

    @Test func minimumVersionIsServed() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/v1.24/info"))
        #expect(response.code == 200)
        #expect(try await response.json()["ID"]?.string?.isEmpty == false)
    }

    @Test func newerVersionIsRefused() async throws {
        let (api, _) = try await makeAPI()
        for target in ["/v1.51/_ping", "/v1.51/info", "/v2.0/version"] {
            let response = await api.handle(.make("GET", target))
            let version = target.split(separator: "/")[0].dropFirst()
            #expect(response.code == 400, "\(target)")
            #expect(try await response.errorMessage() == "client version \(version) is too new. Maximum supported API version is 1.50")
        }
    }

    @Test func olderVersionIsRefused() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/v1.23/info"))
        #expect(response.code == 400)
        #expect(
            try await response.errorMessage()
                == "client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version")
    }

    @Test func versionsCompareNumericallyNotAsText() async throws {
        let (api, _) = try await makeAPI()
        // "1.5" is 1.5 < 1.24; "1.100" is newer than 1.50.
        #expect(await api.handle(.make("GET", "/v1.5/_ping")).code == 400)
        #expect(try await api.handle(.make("GET", "/v1.100/_ping")).errorMessage().contains("too new"))
        #expect(await api.handle(.make("GET", "/v1.40/_ping")).code == 200)
    }

    @Test func everyResponseCarriesTheDaemonHeaders() async throws {
        let (api, _) = try await makeAPI()
        let requests: [HTTPRequest] = [
            .make("GET", "/_ping"), .make("HEAD", "/_ping"), .make("GET", "/v1.51/info"), .make("GET", "/nosuch"),
            .make("OPTIONS", "/anything"), .make("GET", "/version"), .json("POST", "/berth/tokens", "{"),
        ]
        for request in requests {
            let response = await api.handle(request)
            let label = "\(request.method) \(request.head.target)"
            #expect(response.headers["Api-Version"] == "1.50", "\(label)")
            #expect(response.headers["Server"] == "Berth/\(Engine.version) (linux)", "\(label)")
            #expect(response.headers["Ostype"] == "linux", "\(label)")
            #expect(response.headers["Docker-Experimental"] == "false", "\(label)")
        }
    }

    @Test func unknownRouteIsPageNotFound() async throws {
        let (api, _) = try await makeAPI()
        for target in ["/nosuch", "/v1.50/nosuch", "/containers/json/extra", "/", "/berth/tokens/a/b"] {
            let response = await api.handle(.make("GET", target))
            #expect(response.code == 404, "\(target)")
            #expect(response.headers["Content-Type"] == "application/json")
            #expect(try await response.text() == "{\"message\":\"page not found\"}\n", "\(target)")
        }
    }

    @Test func wrongMethodOnAKnownPathIsPageNotFound() async throws {
        let (api, _) = try await makeAPI()
        // moby's MethodNotAllowedHandler is its not-found handler: 404, not 405.
        for (method, target) in [("POST", "/_ping"), ("DELETE", "/info"), ("PUT", "/berth/tokens"), ("GET", "/berth/tokens/abc")] {
            let response = await api.handle(.make(method, target))
            #expect(response.code == 404, "\(method) \(target)")
            #expect(try await response.errorMessage() == "page not found")
        }
    }

    @Test func optionsAnswersEveryPath() async throws {
        let (api, _) = try await makeAPI()
        for target in ["/_ping", "/nosuch/at/all", "/v1.50/containers/json"] {
            let response = await api.handle(.make("OPTIONS", target))
            #expect(response.code == 200, "\(target)")
            #expect(try await response.bodyBytes().isEmpty)
        }
    }

    @Test func headPingHasCacheHeadersAndNoBody() async throws {
        let (api, _) = try await makeAPI()
        for method in ["HEAD", "GET"] {
            let response = await api.handle(.make(method, "/_ping"))
            #expect(response.code == 200)
            #expect(response.headers["Cache-Control"] == "no-cache, no-store, must-revalidate")
            #expect(response.headers["Pragma"] == "no-cache")
            #expect(response.headers["Builder-Version"] == "1")
            #expect(response.headers["Swarm"] == "inactive")
        }
        // The HTTP layer drops HEAD bodies on the wire; the handler's body is the GET one.
        #expect(await api.handle(.make("HEAD", "/v1.50/_ping")).code == 200)
    }
}
