// SPDX-License-Identifier: Apache-2.0
// Storage-driver details in image and container inspect (spec `DriverData`).

/// The storage driver and its per-object data, e.g. overlay2's `LowerDir`, `UpperDir`, `MergedDir`, `WorkDir`.
public struct DriverData: Codable, Sendable, Equatable {
    /// Driver name, e.g. `overlay2`.
    public var name: String
    /// Driver-specific key/value data.
    public var data: [String: String]

    /// Creates driver data.
    public init(name: String, data: [String: String] = [:]) {
        self.name = name
        self.data = data
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case data = "Data"
    }
}
