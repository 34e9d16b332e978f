// SPDX-License-Identifier: Apache-2.0
// `GET /distribution/{name}/json`: what a registry holds for a reference (spec `DistributionInspect`).

/// The registry's descriptor for a reference and the platforms it offers.
public struct DistributionInspect: Codable, Sendable, Equatable {
    /// Descriptor of the manifest or index the reference resolves to.
    public var descriptor: OCIDescriptor
    /// Platforms of the image (one for a single manifest, each entry's for an index).
    public var platforms: [OCIPlatform]

    /// Creates a distribution inspect result.
    public init(descriptor: OCIDescriptor, platforms: [OCIPlatform]) {
        self.descriptor = descriptor
        self.platforms = platforms
    }

    enum CodingKeys: String, CodingKey {
        case descriptor = "Descriptor"
        case platforms = "Platforms"
    }
}
