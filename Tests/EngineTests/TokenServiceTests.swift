// SPDX-License-Identifier: Apache-2.0
// TokenService and TokenScope: creation, checking, tampering, revocation, expiry (injected clock), scopes.

import Engine
import Models
import Store
import Testing

@Suite struct TokenServiceTests {
    static func makeService(clock: TestClock = TestClock()) async throws -> (TokenService, EventBus, Database) {
        let (database, bus) = try makeEventBus()
        let service = TokenService(store: TokenStore(database: database), events: bus, clock: { clock.read() })
        try await service.load()
        return (service, bus, database)
    }

    @Test func createdTokenChecksValid() async throws {
        let (service, _, _) = try await Self.makeService()
        let created = try await service.create(TokenCreateRequest(name: "ci", scope: "read"))
        #expect(created.token.hasPrefix("berth_\(created.summary.id)_"))
        #expect(created.summary.name == "ci" && created.summary.scope == "read")
        #expect(created.summary.createdAt == "2023-11-14T22:13:20Z")
        #expect(created.summary.expiresAt == nil && created.summary.revokedAt == nil)
        #expect(await service.check(created.token) == .valid(name: "ci", scope: .read))
    }

    @Test func unnamedTokenGetsAGeneratedName() async throws {
        let (service, _, _) = try await Self.makeService()
        let created = try await service.create(TokenCreateRequest(scope: "admin"))
        #expect(created.summary.name == "token-\(created.summary.id)")
        #expect(await service.check(created.token) == .valid(name: created.summary.name, scope: .admin))
    }

    @Test func tamperedOrMalformedTokensAreInvalid() async throws {
        let (service, _, _) = try await Self.makeService()
        let token = try await service.create(TokenCreateRequest(scope: "admin")).token
        var tampered = Array(token)
        tampered[tampered.count - 1] = tampered[tampered.count - 1] == "0" ? "1" : "0"
        #expect(await service.check(String(tampered)) == .invalid)
        #expect(await service.check(token + "0") == .invalid)
        #expect(await service.check(String(token.dropLast())) == .invalid)
        #expect(await service.check(token.replacingPrefix("berth_", with: "other_")) == .invalid)
        #expect(await service.check("berth_unknown_secret") == .invalid)
        #expect(await service.check("") == .invalid)
        #expect(await service.check(token) == .valid(name: "token-\(token.split(separator: "_")[1])", scope: .admin))
    }

    @Test func secretIsNeverStored() async throws {
        let (service, _, database) = try await Self.makeService()
        let created = try await service.create(TokenCreateRequest(scope: "read"))
        let secret = String(created.token.split(separator: "_")[2])
        let record = try await TokenStore(database: database).find(id: created.summary.id)
        #expect(record != nil)
        #expect(record?.hash.count == 32)
        #expect(record?.hash != Array(secret.utf8))
    }

    @Test func revokeMakesTheTokenRevoked() async throws {
        let clock = TestClock()
        let (service, _, _) = try await Self.makeService(clock: clock)
        let created = try await service.create(TokenCreateRequest(name: "old", scope: "admin"))
        clock.advance(by: 60)
        let revoked = try await service.revoke(created.summary.id)
        #expect(revoked.revokedAt == "2023-11-14T22:14:20Z")
        #expect(await service.check(created.token) == .revoked)
        await #expect(throws: EngineError.conflict("token \(created.summary.id) is already revoked")) {
            try await service.revoke(created.summary.id)
        }
    }

    @Test func revokeByNameAndUnknownReference() async throws {
        let (service, _, _) = try await Self.makeService()
        let created = try await service.create(TokenCreateRequest(name: "deploy", scope: "read"))
        #expect(try await service.revoke("deploy").id == created.summary.id)
        await #expect(throws: EngineError.notFound("No such token: nosuch")) { try await service.revoke("nosuch") }
    }

    @Test func ambiguousNameIsRefused() async throws {
        let (service, _, _) = try await Self.makeService()
        _ = try await service.create(TokenCreateRequest(name: "twin", scope: "read"))
        _ = try await service.create(TokenCreateRequest(name: "twin", scope: "read"))
        await #expect(throws: EngineError.invalidParameter("token name \"twin\" is ambiguous: revoke by ID")) {
            try await service.revoke("twin")
        }
    }

    @Test func expiryFollowsTheClock() async throws {
        let clock = TestClock()
        let (service, _, _) = try await Self.makeService(clock: clock)
        let created = try await service.create(TokenCreateRequest(name: "short", scope: "read", expiresIn: 30))
        #expect(created.summary.expiresAt == "2023-11-14T22:13:50Z")
        clock.advance(by: 29)
        #expect(await service.check(created.token) == .valid(name: "short", scope: .read))
        clock.advance(by: 1)
        #expect(await service.check(created.token) == .expired)
    }

    @Test func invalidScopeOrLifetimeIsRefused() async throws {
        let (service, _, _) = try await Self.makeService()
        await #expect(throws: EngineError.invalidParameter("invalid token scope \"root\": must be \"read\" or \"admin\"")) {
            try await service.create(TokenCreateRequest(scope: "root"))
        }
        await #expect(throws: EngineError.invalidParameter("token expiry must be a positive duration of at most 100 years")) {
            try await service.create(TokenCreateRequest(scope: "read", expiresIn: 0))
        }
        #expect(await service.list().isEmpty)
    }

    @Test func listIsNewestFirstWithoutSecrets() async throws {
        let clock = TestClock()
        let (service, _, _) = try await Self.makeService(clock: clock)
        let first = try await service.create(TokenCreateRequest(name: "first", scope: "read"))
        clock.advance(by: 5)
        let second = try await service.create(TokenCreateRequest(name: "second", scope: "admin"))
        let list = await service.list()
        #expect(list.map(\.name) == ["second", "first"])
        #expect(list == [second.summary, first.summary])
    }

    @Test func tokensSurviveAReload() async throws {
        let clock = TestClock()
        let (service, bus, database) = try await Self.makeService(clock: clock)
        let kept = try await service.create(TokenCreateRequest(name: "kept", scope: "admin"))
        let gone = try await service.create(TokenCreateRequest(name: "gone", scope: "read"))
        _ = try await service.revoke(gone.summary.id)
        let reopened = TokenService(store: TokenStore(database: database), events: bus, clock: { clock.read() })
        #expect(await reopened.check(kept.token) == .invalid, "nothing is known before load()")
        try await reopened.load()
        #expect(await reopened.check(kept.token) == .valid(name: "kept", scope: .admin))
        #expect(await reopened.check(gone.token) == .revoked)
    }

    @Test func createAndRevokePublishDaemonEvents() async throws {
        let (service, bus, _) = try await Self.makeService()
        let created = try await service.create(TokenCreateRequest(name: "audit", scope: "read"))
        _ = try await service.revoke(created.summary.id)
        let events = try await bus.history(sinceNano: nil, untilNano: nil).map(\.message)
        #expect(events.map(\.action) == ["token create", "token revoke"])
        #expect(events.allSatisfy { $0.type == .daemon && $0.actor.id == created.summary.id && $0.actor.attributes["name"] == "audit" })
        #expect(!events.contains { $0.actor.attributes.values.contains(created.token) })
    }

    @Test func readScopePermitsOnlyGetAndHead() {
        #expect(TokenScope.read.permits(method: "GET"))
        #expect(TokenScope.read.permits(method: "HEAD"))
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "get"] {
            #expect(!TokenScope.read.permits(method: method), "read must refuse \(method)")
        }
        for method in ["GET", "HEAD", "POST", "PUT", "DELETE"] {
            #expect(TokenScope.admin.permits(method: method))
        }
        #expect(TokenScope(rawValue: "read") == .read && TokenScope(rawValue: "admin") == .admin && TokenScope(rawValue: "root") == nil)
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}

@Suite struct TokenLifetimeBoundsTests {
    @Test(arguments: [Int64.max, Int64(100 * 366 * 24 * 3600 + 1), Int64(0), Int64(-5)])
    func outOfRangeLifetimesAreRefusedWithoutTrapping(seconds: Int64) async throws {
        let (service, _, _) = try await TokenServiceTests.makeService()
        await #expect(throws: EngineError.self) {
            _ = try await service.create(TokenCreateRequest(name: "x", scope: "read", expiresIn: seconds))
        }
    }
}
