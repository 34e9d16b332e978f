// SPDX-License-Identifier: Apache-2.0
// DaemonIdentityStore: a UUID v4 created once, stable across reopen; plain key/value settings.

import Testing

@testable import Store

@Suite struct DaemonIdentityStoreTests {
    @Test func identityIsAStableUUIDv4() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await Database.open(path: directory.database)
            let id = try await DaemonIdentityStore(database: database).identity()
            #expect(try await DaemonIdentityStore(database: database).identity() == id)
            database.close()

            let reopened = try await Database.open(path: directory.database)
            defer { reopened.close() }
            let store = DaemonIdentityStore(database: reopened)
            #expect(try await store.identity() == id)
            #expect(try await store.value(forKey: "created") != nil)
            #expect(Self.isUUIDv4(id))
        }
    }

    @Test func generatedIDsAreWellFormedAndDistinct() {
        let ids = (0..<100).map { _ in DaemonIdentityStore.makeUUIDv4() }
        #expect(ids.allSatisfy(Self.isUUIDv4))
        #expect(Set(ids).count == ids.count)
    }

    @Test func settingsRoundTrip() async throws {
        let store = DaemonIdentityStore(database: try Database(path: ":memory:"))
        #expect(try await store.value(forKey: "k") == nil)
        try await store.setValue("a", forKey: "k")
        try await store.setValue("b", forKey: "k")
        #expect(try await store.value(forKey: "k") == "b")
    }

    static func isUUIDv4(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 36 else { return false }
        for (index, character) in characters.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard character == "-" else { return false }
            } else {
                guard "0123456789abcdef".contains(character) else { return false }
            }
        }
        return characters[14] == "4" && "89ab".contains(characters[19])
    }
}
