// SPDX-License-Identifier: Apache-2.0
// /berth/tokens through DockerAPI: create, list without secrets, revoke, and request-body validation.

import API
import Engine
import HTTPCore
import Models
import Testing

@Suite struct TokenRoutesTests {
    static func create(_ api: DockerAPI, _ body: String) async throws -> TokenCreateResponse {
        let response = await api.handle(.json("POST", "/berth/tokens", body))
        #expect(response.code == 201)
        return try await response.decode(TokenCreateResponse.self)
    }

    @Test func createAnswers201WithTheTokenOnce() async throws {
        let (api, engine) = try await makeAPI()
        let response = await api.handle(.json("POST", "/berth/tokens", #"{"Name":"ci","Scope":"read","ExpiresIn":3600}"#))
        #expect(response.code == 201)
        #expect(response.headers["Content-Type"] == "application/json")
        let created = try await response.decode(TokenCreateResponse.self)
        #expect(created.token.hasPrefix("berth_\(created.summary.id)_"))
        #expect(created.summary.name == "ci" && created.summary.scope == "read")
        #expect(created.summary.expiresAt != nil && created.summary.revokedAt == nil)
        #expect(await engine.tokens.check(created.token) == .valid(name: "ci", scope: .read))
    }

    @Test func createAcceptsJSONWithCharset() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(
            .make(
                "POST", "/v1.50/berth/tokens", headers: [("Content-Type", "application/json; charset=utf-8")], body: #"{"Scope":"admin"}"#))
        #expect(response.code == 201)
        #expect(try await response.decode(TokenCreateResponse.self).summary.scope == "admin")
    }

    @Test func listShowsTokensWithoutSecrets() async throws {
        let (api, _) = try await makeAPI()
        let first = try await Self.create(api, #"{"Name":"one","Scope":"read"}"#)
        let second = try await Self.create(api, #"{"Name":"two","Scope":"admin"}"#)
        let response = await api.handle(.make("GET", "/berth/tokens"))
        #expect(response.code == 200)
        let text = try await response.text()
        for token in [first.token, second.token] {
            #expect(!text.contains(String(token.split(separator: "_")[2])), "a secret leaked into the list")
        }
        #expect(!text.contains("\"Token\""))
        let list = try await response.decode([TokenSummary].self)
        #expect(Set(list.map(\.id)) == [first.summary.id, second.summary.id])
        #expect(Set(list.map(\.name)) == ["one", "two"])
    }

    @Test func revokeThenRepeatThenUnknown() async throws {
        let (api, engine) = try await makeAPI()
        let created = try await Self.create(api, #"{"Name":"temp","Scope":"admin"}"#)
        let revoked = await api.handle(.make("DELETE", "/berth/tokens/\(created.summary.id)"))
        #expect(revoked.code == 200)
        let summary = try await revoked.decode(TokenSummary.self)
        #expect(summary.id == created.summary.id && summary.revokedAt != nil)
        #expect(await engine.tokens.check(created.token) == .revoked)

        let again = await api.handle(.make("DELETE", "/berth/tokens/\(created.summary.id)"))
        #expect(again.code == 409)
        #expect(try await again.errorMessage() == "token \(created.summary.id) is already revoked")

        let unknown = await api.handle(.make("DELETE", "/berth/tokens/nosuch"))
        #expect(unknown.code == 404)
        #expect(try await unknown.errorMessage() == "No such token: nosuch")
    }

    @Test func revokeByName() async throws {
        let (api, _) = try await makeAPI()
        let created = try await Self.create(api, #"{"Name":"deploy","Scope":"read"}"#)
        let response = await api.handle(.make("DELETE", "/berth/tokens/deploy"))
        #expect(response.code == 200)
        #expect(try await response.decode(TokenSummary.self).id == created.summary.id)
    }

    @Test func badScopeIsBadRequest() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.json("POST", "/berth/tokens", #"{"Scope":"root"}"#))
        #expect(response.code == 400)
        #expect(try await response.errorMessage() == #"invalid token scope "root": must be "read" or "admin""#)
    }

    @Test func nonPositiveLifetimeIsBadRequest() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.json("POST", "/berth/tokens", #"{"Scope":"read","ExpiresIn":-5}"#))
        #expect(response.code == 400)
        #expect(try await response.errorMessage() == "token expiry must be a positive duration of at most 100 years")
    }

    @Test func wrongContentTypeIsBadRequest() async throws {
        let (api, engine) = try await makeAPI()
        let response = await api.handle(
            .make("POST", "/berth/tokens", headers: [("Content-Type", "text/plain")], body: #"{"Scope":"read"}"#))
        #expect(response.code == 400)
        #expect(try await response.errorMessage() == "unsupported Content-Type header (text/plain): must be 'application/json'")
        #expect(await engine.tokens.list().isEmpty)
    }

    @Test func malformedJSONIsBadRequest() async throws {
        let (api, engine) = try await makeAPI()
        for body in [#"{"Scope":"#, "not json", #"["Scope","read"]"#] {
            let response = await api.handle(.json("POST", "/berth/tokens", body))
            #expect(response.code == 400, "\(body)")
            #expect(try await response.errorMessage().hasPrefix("invalid JSON: "), "\(body)")
        }
        #expect(await engine.tokens.list().isEmpty)
    }

    @Test func missingOrMistypedFieldIsBadRequest() async throws {
        let (api, _) = try await makeAPI()
        let missing = await api.handle(.json("POST", "/berth/tokens", #"{"Name":"x"}"#))
        #expect(missing.code == 400)
        #expect(try await missing.errorMessage() == "invalid JSON: missing field Scope")
        let mistyped = await api.handle(.json("POST", "/berth/tokens", #"{"Scope":"read","ExpiresIn":"soon"}"#))
        #expect(mistyped.code == 400)
        #expect(try await mistyped.errorMessage().hasPrefix("invalid JSON: cannot unmarshal into field ExpiresIn"))
    }

    @Test func trailingBytesAfterJSONAreBadRequest() async throws {
        let (api, engine) = try await makeAPI()
        for body in [#"{"Scope":"read"} x"#, #"{"Scope":"read"}{"Scope":"admin"}"#] {
            let response = await api.handle(.json("POST", "/berth/tokens", body))
            #expect(response.code == 400, "\(body)")
            #expect(try await response.errorMessage().hasPrefix("invalid JSON: "), "\(body)")
        }
        #expect(await engine.tokens.list().isEmpty)
    }

    @Test func emptyBodyIsBadRequest() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.json("POST", "/berth/tokens", ""))
        #expect(response.code == 400)
        #expect(try await response.errorMessage() == "invalid JSON: got EOF while reading request body")
    }
}
