// SPDX-License-Identifier: Apache-2.0
// Finding the container a client means: exact ID, then exact name, then a unique ID prefix — the order
// of dockerd's GetContainer (daemon/container.go), with its messages and error classes. The lookups are
// passed in, so the rule is one piece whatever holds the containers (the service keeps them in memory).

extension ContainerID {
    /// The ID of the container `reference` names (full ID, name with or without "/", or unique ID prefix).
    /// Throws `.invalidParameter` for an empty or ambiguous reference and `.notFound` when nothing matches.
    public static func resolve(
        _ reference: String, exists: (String) -> Bool, idNamed: (String) -> String?, idsWithPrefix: (String) -> [String]
    ) throws(EngineError) -> String {
        guard !reference.isEmpty else { throw .invalidParameter(#"invalid name or ID supplied: """#) }
        if isFullID(reference), exists(reference) { return reference }
        let name = ContainerNameRules.normalize(reference)
        if !name.isEmpty, let id = idNamed(name) { return id }
        let matches = idsWithPrefix(reference)
        if matches.count > 1 { throw .invalidParameter("multiple IDs found with provided prefix: \(reference)") }
        if let id = matches.first { return id }
        throw .notFound("No such container: \(reference)")
    }
}
