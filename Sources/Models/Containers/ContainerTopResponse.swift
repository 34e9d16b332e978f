// SPDX-License-Identifier: Apache-2.0
// The body of `GET /containers/{id}/top` (spec `ContainerTopResponse`).

/// The processes of a container as `ps` shows them.
public struct ContainerTopResponse: Codable, Sendable, Equatable {
    /// Column titles, e.g. `UID`, `PID`, `CMD`.
    public var titles: [String]
    /// One row of columns per process.
    public var processes: [[String]]

    /// Creates a value; every field defaults to its zero value or nil.
    public init(titles: [String] = [], processes: [[String]] = []) {
        self.titles = titles
        self.processes = processes
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        titles = try container.decodeIfPresent([String].self, forKey: .titles) ?? []
        processes = try container.decodeIfPresent([[String]].self, forKey: .processes) ?? []
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(titles, forKey: .titles)
        try container.encode(processes, forKey: .processes)
    }

    enum CodingKeys: String, CodingKey {
        case titles = "Titles"
        case processes = "Processes"
    }
}
