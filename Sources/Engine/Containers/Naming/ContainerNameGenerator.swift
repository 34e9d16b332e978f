// SPDX-License-Identifier: Apache-2.0
// ContainerNameGenerator: `adjective_surname` names for containers created without --name, retried on a
// clash the way dockerd does (daemon/names.go): six draws, all but the first with a digit appended.

/// Generated container names.
public enum ContainerNameGenerator {
    /// How many draws dockerd makes before giving up on a word name.
    static let attempts = 6

    /// A free name: asks `isTaken` about each candidate. After `attempts` clashes it returns `fallback`
    /// when given and free (dockerd uses the short ID), and otherwise keeps drawing with a wider suffix.
    public static func generate(fallback: String? = nil, isTaken: (String) async throws -> Bool) async throws -> String {
        for attempt in 0..<attempts {
            let name = candidate(attempt: attempt)
            if try await !isTaken(name) { return name }
        }
        if let fallback, try await !isTaken(fallback) { return fallback }
        // 178 × 111 × 10 000 names: a free one turns up long before this loop could end on a real host.
        for _ in 0..<1_000 {
            let name = candidate(attempt: 0) + String(Int.random(in: 0..<10_000))
            if try await !isTaken(name) { return name }
        }
        throw EngineError.system("could not find a free container name")
    }

    /// One random `adjective_surname`; from the second attempt on with a random digit appended.
    public static func candidate(attempt: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return candidate(attempt: attempt, using: &generator)
    }

    /// `candidate(attempt:)` with a chosen random source, so tests can make it repeatable.
    public static func candidate<R: RandomNumberGenerator>(attempt: Int, using generator: inout R) -> String {
        let adjective = adjectives.randomElement(using: &generator) ?? "able"
        let surname = surnames.randomElement(using: &generator) ?? "turing"
        let name = adjective + "_" + surname
        return attempt > 0 ? name + String(Int.random(in: 0..<10, using: &generator)) : name
    }
}
