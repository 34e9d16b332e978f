// SPDX-License-Identifier: Apache-2.0
// TokenStore: insert, list newest first (revoked included), find, revoke once, touch, scope check.

import Testing

@testable import Store

@Suite struct TokenStoreTests {
    let store: TokenStore

    init() throws {
        store = TokenStore(database: try Database(path: ":memory:"))
    }

    static func token(_ id: String, created: Int64, scope: String = "read") -> TokenRecord {
        TokenRecord(id: id, name: "ci", scope: scope, hash: [1, 2, 3], createdAt: created, expiresAt: created + 3600)
    }

    @Test func insertListFindRevoke() async throws {
        try await store.insert(Self.token("old", created: 100))
        try await store.insert(Self.token("new", created: 200, scope: "admin"))
        #expect(try await store.list().map(\.id) == ["new", "old"])
        #expect(try await store.find(id: "old") == Self.token("old", created: 100))
        #expect(try await store.find(id: "nosuch") == nil)

        #expect(try await store.revoke(id: "old", at: 150))
        #expect(try await store.revoke(id: "old") == false)  // already revoked
        #expect(try await store.revoke(id: "nosuch") == false)
        let listed = try await store.list()
        #expect(listed.count == 2)
        #expect(listed.last?.revokedAt == 150)
        #expect(listed.first?.revokedAt == nil)
    }

    @Test func touchRecordsUse() async throws {
        try await store.insert(Self.token("t", created: 100))
        #expect(try await store.touch(id: "t", at: 500))
        #expect(try await store.touch(id: "nosuch") == false)
        #expect(try await store.find(id: "t")?.lastUsedAt == 500)
    }

    @Test func badScopeAndDuplicateIDAreRefused() async throws {
        await #expect { try await store.insert(Self.token("x", created: 1, scope: "root")) } throws: { error in
            (error as? SQLiteError)?.isConstraintViolation == true
        }
        try await store.insert(Self.token("y", created: 1))
        await #expect { try await store.insert(Self.token("y", created: 2)) } throws: { error in
            (error as? SQLiteError)?.isUniqueViolation == true
        }
    }
}
