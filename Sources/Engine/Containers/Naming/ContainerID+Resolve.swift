// SPDX-License-Identifier: Apache-2.0
// Finding the container a client means: exact ID, then exact name, then a unique ID prefix — the order
// of dockerd's GetContainer (daemon/container.go), with its messages and error classes.

import Store

extension ContainerID {
    /// The container `reference` names (full ID, name with or without "/", or unique ID prefix).
    /// Throws `.invalidParameter` for an empty or ambiguous reference and `.notFound` when nothing matches.
    public static func resolve(_ reference: String, in store: ContainerRecordStore) async throws -> ContainerRecord {
        guard !reference.isEmpty else { throw EngineError.invalidParameter(#"invalid name or ID supplied: """#) }
        if isFullID(reference), let record = try await store.find(id: reference) { return record }
        let name = ContainerNameRules.normalize(reference)
        if !name.isEmpty, let record = try await store.find(name: name) { return record }
        let matches = try await store.ids(withPrefix: reference, limit: 2)
        if matches.count > 1 { throw EngineError.invalidParameter("multiple IDs found with provided prefix: \(reference)") }
        // The row can vanish between the two reads (a concurrent remove): that is "no such container" too.
        if let id = matches.first, let record = try await store.find(id: id) { return record }
        throw EngineError.notFound("No such container: \(reference)")
    }
}
