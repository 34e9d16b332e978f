// SPDX-License-Identifier: Apache-2.0
// One `--mount` of a container (spec `Mount`; moby `mount.Mount`), in `HostConfig.Mounts`.

/// A mount requested for a container; every field is omitted when nil, as Go's `omitempty`.
public struct Mount: Codable, Sendable, Equatable {
    /// Path inside the container.
    public var target: String?
    /// Host path (bind) or volume name (volume); omitted for tmpfs.
    public var source: String?
    /// `bind`, `volume`, `image`, `tmpfs`, `npipe` or `cluster`.
    public var type: String?
    /// Mount read-only.
    public var readOnly: Bool?
    /// `default`, `consistent`, `cached` or `delegated` (ignored on Linux).
    public var consistency: String?
    /// Options for `bind` mounts.
    public var bindOptions: BindOptions?
    /// Options for `volume` mounts.
    public var volumeOptions: VolumeOptions?
    /// Options for `image` mounts (API 1.48).
    public var imageOptions: ImageOptions?
    /// Options for `tmpfs` mounts.
    public var tmpfsOptions: TmpfsOptions?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        target: String? = nil,
        source: String? = nil,
        type: String? = nil,
        readOnly: Bool? = nil,
        consistency: String? = nil,
        bindOptions: BindOptions? = nil,
        volumeOptions: VolumeOptions? = nil,
        imageOptions: ImageOptions? = nil,
        tmpfsOptions: TmpfsOptions? = nil
    ) {
        self.target = target
        self.source = source
        self.type = type
        self.readOnly = readOnly
        self.consistency = consistency
        self.bindOptions = bindOptions
        self.volumeOptions = volumeOptions
        self.imageOptions = imageOptions
        self.tmpfsOptions = tmpfsOptions
    }

    enum CodingKeys: String, CodingKey {
        case target = "Target"
        case source = "Source"
        case type = "Type"
        case readOnly = "ReadOnly"
        case consistency = "Consistency"
        case bindOptions = "BindOptions"
        case volumeOptions = "VolumeOptions"
        case imageOptions = "ImageOptions"
        case tmpfsOptions = "TmpfsOptions"
    }
}
