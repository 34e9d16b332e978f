// SPDX-License-Identifier: Apache-2.0
// One JSON object of the pull/push/load/import progress streams (spec `CreateImageInfo`, `PushImageInfo`;
// moby `jsonmessage.JSONMessage`). The docker CLI draws its per-layer bars from `id` + `progressDetail`.

/// A progress-stream message, e.g. `{"status":"Downloading","progressDetail":{"current":1,"total":9},"id":"a1b2"}`.
/// Every field is omitted when nil; an error mid-stream is a message with `errorDetail` (and the legacy `error`).
public struct ProgressMessage: Codable, Sendable, Equatable {
    /// Text output (`docker load`: `Loaded image: busybox:latest\n`).
    public var stream: String?
    /// Status text, e.g. `Pulling fs layer`, `Download complete`, `Digest: sha256:…`.
    public var status: String?
    /// Byte counts for a bar; dockerd sends `{}` on status-only layer lines.
    public var progressDetail: ProgressDetail?
    /// Deprecated pre-rendered bar, e.g. `[=====>     ]  1.2MB/2.4MB`.
    public var progress: String?
    /// Short layer ID or tag the line is about.
    public var id: String?
    /// The failure; the docker CLI reads this one.
    public var errorDetail: ErrorDetail?
    /// Deprecated copy of `errorDetail.message`.
    public var error: String?
    /// Extra data, e.g. push's `{"Tag":…,"Digest":…,"Size":…}`.
    public var aux: Aux?

    /// Creates a message.
    public init(
        stream: String? = nil,
        status: String? = nil,
        progressDetail: ProgressDetail? = nil,
        progress: String? = nil,
        id: String? = nil,
        errorDetail: ErrorDetail? = nil,
        error: String? = nil,
        aux: Aux? = nil
    ) {
        self.stream = stream
        self.status = status
        self.progressDetail = progressDetail
        self.progress = progress
        self.id = id
        self.errorDetail = errorDetail
        self.error = error
        self.aux = aux
    }

    /// An error message as dockerd writes it: both `errorDetail.message` and `error`.
    public static func failure(_ message: String) -> ProgressMessage {
        ProgressMessage(errorDetail: ErrorDetail(message: message), error: message)
    }

    enum CodingKeys: String, CodingKey {
        case stream
        case status
        case progressDetail
        case progress
        case id
        case errorDetail
        case error
        case aux
    }
}
