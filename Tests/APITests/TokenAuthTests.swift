// SPDX-License-Identifier: Apache-2.0
// Bearer tokens on TCP listeners: 401 without a valid token, 403 outside the scope, unix sockets trusted.

import API
import Engine
import HTTPCore
import Models
import Store
import Synchronization
import Testing

@Suite struct TokenAuthTests {
    static func bearer(_ token: String) -> [(String, String)] { [("Authorization", "Bearer \(token)")] }

    static func token(_ engine: Engine, _ scope: String, name: String = "t", expiresIn: Int64? = nil) async throws -> String {
        try await engine.tokens.create(TokenCreateRequest(name: name, scope: scope, expiresIn: expiresIn)).token
    }

    @Test func tcpRequestWithoutTokenIsUnauthorized() async throws {
        let (api, _) = try await makeAPI(requireTokens: true)
        for transport in [ConnectionInfo.Transport.tcp, .tls] {
            let response = await api.handle(.make("GET", "/info", transport: transport))
            #expect(response.code == 401, "\(transport)")
            #expect(response.headers["Content-Type"] == "application/json")
            #expect(try await response.errorMessage() == #"authentication required: send an API token as "Authorization: Bearer <token>""#)
            #expect(response.headers["Api-Version"] == "1.50")
        }
    }

    @Test func nonBearerSchemeIsUnauthorized() async throws {
        let (api, _) = try await makeAPI(requireTokens: true)
        let response = await api.handle(.make("GET", "/_ping", headers: [("Authorization", "Basic dXNlcjpwYXNz")]))
        #expect(response.code == 401)
        #expect(try await response.errorMessage() == #"authentication required: the Authorization header must be "Bearer <token>""#)
    }

    @Test func wrongTokenIsUnauthorized() async throws {
        let (api, engine) = try await makeAPI(requireTokens: true)
        let good = try await Self.token(engine, "admin")
        for wrong in ["berth_nosuch_secret", "garbage", String(good.dropLast()) + (good.hasSuffix("0") ? "1" : "0")] {
            let response = await api.handle(.make("GET", "/info", headers: Self.bearer(wrong)))
            #expect(response.code == 401, "\(wrong)")
            #expect(try await response.errorMessage() == "invalid API token")
        }
    }

    @Test func readTokenMayGetButNotPost() async throws {
        let (api, engine) = try await makeAPI(requireTokens: true)
        let token = try await Self.token(engine, "read", name: "reader")
        #expect(await api.handle(.make("GET", "/info", headers: Self.bearer(token))).code == 200)
        #expect(await api.handle(.make("HEAD", "/_ping", headers: Self.bearer(token))).code == 200)
        #expect(await api.handle(.make("GET", "/berth/tokens", headers: Self.bearer(token))).code == 200)
        let response = await api.handle(.json("POST", "/berth/tokens", #"{"Scope":"admin"}"#, headers: Self.bearer(token)))
        #expect(response.code == 403)
        #expect(try await response.errorMessage() == #"token "reader" has read scope: POST is not allowed"#)
        #expect(await engine.tokens.list().count == 1, "the forbidden request created nothing")
        let delete = await api.handle(.make("DELETE", "/berth/tokens/reader", headers: Self.bearer(token)))
        #expect(delete.code == 403)
    }

    @Test func adminTokenMayPost() async throws {
        let (api, engine) = try await makeAPI(requireTokens: true)
        let token = try await Self.token(engine, "admin")
        let response = await api.handle(.json("POST", "/berth/tokens", #"{"Scope":"read"}"#, headers: Self.bearer(token)))
        #expect(response.code == 201)
        #expect(try await response.decode(TokenCreateResponse.self).token.hasPrefix("berth_"))
    }

    @Test func revokedTokenIsRefusedAtOnce() async throws {
        let (api, engine) = try await makeAPI(requireTokens: true)
        let admin = try await Self.token(engine, "admin", name: "admin")
        let victim = try await engine.tokens.create(TokenCreateRequest(name: "victim", scope: "read"))
        #expect(await api.handle(.make("GET", "/info", headers: Self.bearer(victim.token))).code == 200)
        let revoke = await api.handle(.make("DELETE", "/berth/tokens/\(victim.summary.id)", headers: Self.bearer(admin)))
        #expect(revoke.code == 200)
        let response = await api.handle(.make("GET", "/info", headers: Self.bearer(victim.token)))
        #expect(response.code == 401)
        #expect(try await response.errorMessage() == "API token has been revoked")
    }

    @Test func expiredTokenIsRefused() async throws {
        let (api, engine) = try await makeAPI(requireTokens: true)
        let token = try await Self.token(engine, "admin", expiresIn: 1)
        // Token times have one-second resolution: after 1.1 s the expiry second has surely begun.
        try await Task.sleep(for: .milliseconds(1100))
        let response = await api.handle(.make("GET", "/info", headers: Self.bearer(token)))
        #expect(response.code == 401)
        #expect(try await response.errorMessage() == "API token has expired")
    }

    @Test func authenticatorFollowsAnInjectedClock() async throws {
        let database = try Database(path: ":memory:")
        let events = EventBus(store: EventStore(database: database))
        let clock = ManualClock(now: 1_000)
        let tokens = TokenService(store: TokenStore(database: database), events: events, clock: { clock.now })
        let token = try await tokens.create(TokenCreateRequest(name: "short", scope: "admin", expiresIn: 10)).token
        let authenticator = Authenticator(tokens: tokens)
        let request = HTTPRequest.make("POST", "/berth/tokens", headers: Self.bearer(token))
        try await authenticator.authorize(request)
        clock.now = 1_009
        try await authenticator.authorize(request)
        clock.now = 1_010
        await #expect(throws: APIError.unauthorized("API token has expired")) { try await authenticator.authorize(request) }
        try await Authenticator(tokens: nil).authorize(request)
    }

    @Test func unixSocketNeedsNoToken() async throws {
        let (api, _) = try await makeAPI(requireTokens: true)
        #expect(await api.handle(.make("GET", "/info", transport: .unix)).code == 200)
        let created = await api.handle(
            .make("POST", "/berth/tokens", headers: [("Content-Type", "application/json")], body: #"{"Scope":"read"}"#, transport: .unix))
        #expect(created.code == 201)
    }

    @Test func tokensOffMeansTCPNeedsNone() async throws {
        let (api, _) = try await makeAPI(requireTokens: false)
        #expect(await api.handle(.make("GET", "/info")).code == 200)
        #expect(await api.handle(.json("POST", "/berth/tokens", #"{"Scope":"read"}"#)).code == 201)
        // A bad token is ignored when tokens are off, as dockerd ignores Authorization.
        #expect(await api.handle(.make("GET", "/info", headers: Self.bearer("berth_x_y"))).code == 200)
    }

    @Test func versionErrorsComeBeforeAuthentication() async throws {
        let (api, _) = try await makeAPI(requireTokens: true)
        let response = await api.handle(.make("GET", "/v1.99/info"))
        #expect(response.code == 400)
        #expect(try await response.errorMessage().contains("too new"))
    }
}

/// A clock for TokenService that tests set by hand (Unix seconds).
final class ManualClock: Sendable {
    private let value: Mutex<Int64>

    init(now: Int64) { value = Mutex(now) }

    var now: Int64 {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
