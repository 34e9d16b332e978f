// SPDX-License-Identifier: Apache-2.0
// The `GET /system/df` response (spec inline schema `SystemDataUsageResponse`, moby `types.DiskUsage`).

/// Disk usage per object type. An array is nil when its type was not requested (`?type=`), and is then omitted.
public struct SystemDataUsage: Codable, Sendable, Equatable {
    /// Bytes used by all image layers.
    public var layersSize: Int64
    /// Images with sizes; nil when not requested.
    public var images: [ImageSummary]?
    /// Containers with sizes; nil when not requested.
    public var containers: [ContainerSummary]?
    /// Volumes with usage data; nil when not requested.
    public var volumes: [Volume]?
    /// Build cache records; nil when not requested.
    public var buildCache: [BuildCache]?

    /// Creates a disk usage report; the defaults are an empty engine with every type requested.
    public init(
        layersSize: Int64 = 0,
        images: [ImageSummary]? = [],
        containers: [ContainerSummary]? = [],
        volumes: [Volume]? = [],
        buildCache: [BuildCache]? = []
    ) {
        self.layersSize = layersSize
        self.images = images
        self.containers = containers
        self.volumes = volumes
        self.buildCache = buildCache
    }

    enum CodingKeys: String, CodingKey {
        case layersSize = "LayersSize"
        case images = "Images"
        case containers = "Containers"
        case volumes = "Volumes"
        case buildCache = "BuildCache"
    }
}
