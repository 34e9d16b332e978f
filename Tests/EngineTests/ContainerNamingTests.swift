// SPDX-License-Identifier: Apache-2.0
// Container names and IDs: dockerd's name rule and message, generated names and their retries, random IDs,
// and resolving a reference (ID, name, unique prefix) against a real store.

import Engine
import Synchronization
import Testing

@Suite struct ContainerNamingTests {
    @Test func nameRulesMatchDockerd() throws {
        for good in ["ab", "/web", "a.b-c_d", "0x", "Web_01", "a" + String(repeating: "z", count: 200)] {
            #expect(ContainerNameRules.isValid(good), "\(good)")
        }
        for bad in ["", "/", "a", "/a", "_ab", ".ab", "-ab", "a b", "a/b", "//ab", "ab!", "é1", "ab\n"] {
            #expect(!ContainerNameRules.isValid(bad), "\(bad)")
        }
        #expect(try ContainerNameRules.validated("/web") == "web")
        #expect(try ContainerNameRules.validated("web") == "web")
        #expect(throws: EngineError.invalidParameter("Invalid container name (/a b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")) {
            try ContainerNameRules.validated("/a b")
        }
        #expect(ContainerNameRules.normalize("//x") == "/x")
    }

    @Test func generatedNamesAreAdjectiveUnderscoreSurname() async throws {
        var seen = Set<String>()
        for _ in 0..<200 {
            let name = try await ContainerNameGenerator.generate { _ in false }
            let parts = name.split(separator: "_")
            #expect(parts.count == 2 && ContainerNameRules.isValid(name), "\(name)")
            #expect(parts.allSatisfy { $0.allSatisfy { $0 >= "a" && $0 <= "z" } }, "\(name)")
            seen.insert(name)
        }
        #expect(seen.count > 150)  // 19 758 combinations: 200 draws rarely collide
    }

    @Test func clashesGetADigitThenTheFallback() async throws {
        let asked = Mutex<[String]>([])
        let name = try await ContainerNameGenerator.generate { candidate in
            asked.withLock { $0.append(candidate) }
            return asked.withLock { $0.count } <= 3
        }
        let history = asked.withLock { $0 }
        #expect(history.count == 4 && history.last == name)
        #expect(history[0].last?.isLetter == true)
        #expect(history[1...].allSatisfy { $0.last?.isNumber == true })

        let fallback = try await ContainerNameGenerator.generate(fallback: "0123456789ab") { $0 != "0123456789ab" }
        #expect(fallback == "0123456789ab")
        // Six word names and the fallback taken: the next draw carries a wider number.
        let calls = Mutex(0)
        let wide = try await ContainerNameGenerator.generate(fallback: "taken") { _ in
            calls.withLock {
                $0 += 1; return $0 <= 7
            }
        }
        #expect(calls.withLock { $0 } == 8 && wide != "taken" && wide.last?.isNumber == true)
        await #expect(throws: EngineError.self) { try await ContainerNameGenerator.generate { _ in true } }
        await #expect(throws: TestError.self) { try await ContainerNameGenerator.generate { _ in throw TestError() } }
    }

    @Test func randomIDsAreHexAndNeverNumericShortIDs() {
        var ids = Set<String>()
        for _ in 0..<2_000 {
            let id = ContainerID.random()
            #expect(ContainerID.isFullID(id.rawValue) && ContainerID(rawValue: id.rawValue) == id)
            #expect(!id.short.allSatisfy(\.isNumber) && id.short.count == 12)
            ids.insert(id.rawValue)
        }
        #expect(ids.count == 2_000)
        #expect(ContainerID(rawValue: String(repeating: "A", count: 64)) == nil)
        #expect(ContainerID(rawValue: String(repeating: "a", count: 63)) == nil)
    }

    @Test func resolveTriesIDThenNameThenUniquePrefix() throws {
        let one = "abc1" + String(repeating: "0", count: 60)
        let two = "abc2" + String(repeating: "0", count: 60)
        let named = "fed" + String(repeating: "1", count: 61)
        // A container whose *name* is another one's ID prefix: the name wins, as in dockerd.
        let names = ["first": one, "second": two, "abc1": named]
        let ids = [one, two, named]
        func resolve(_ reference: String) throws(EngineError) -> String {
            try ContainerID.resolve(
                reference, exists: { ids.contains($0) }, idNamed: { names[$0] }, idsWithPrefix: { p in ids.filter { $0.hasPrefix(p) } })
        }

        #expect(try resolve(one) == one)
        #expect(try resolve("second") == two)
        #expect(try resolve("/second") == two)
        #expect(try resolve("abc1") == named)
        #expect(try resolve("abc2") == two)
        #expect(try resolve("fe") == named)
        #expect(throws: EngineError.invalidParameter("multiple IDs found with provided prefix: abc")) { try resolve("abc") }
        #expect(throws: EngineError.notFound("No such container: nosuch")) { try resolve("nosuch") }
        #expect(throws: EngineError.notFound("No such container: abd")) { try resolve("abd") }
        #expect(throws: EngineError.invalidParameter(#"invalid name or ID supplied: """#)) { try resolve("") }
    }
}

private struct TestError: Error {}
