// SPDX-License-Identifier: Apache-2.0
// `progressDetail`, `errorDetail` and `aux` of a progress message (spec `ProgressDetail`, `ErrorDetail`).

extension ProgressMessage {
    /// Byte counts of one layer's transfer; all omitted when nil, so an empty detail encodes as `{}`.
    public struct ProgressDetail: Codable, Sendable, Equatable {
        /// Bytes done.
        public var current: Int64?
        /// Bytes expected.
        public var total: Int64?
        /// Start time, Unix seconds (lets the CLI show a rate).
        public var start: Int64?
        /// True to hide the counts beside the bar.
        public var hideCounts: Bool?
        /// Unit of `current`/`total` when not bytes.
        public var units: String?

        /// Creates a detail.
        public init(current: Int64? = nil, total: Int64? = nil, start: Int64? = nil, hideCounts: Bool? = nil, units: String? = nil) {
            self.current = current
            self.total = total
            self.start = start
            self.hideCounts = hideCounts
            self.units = units
        }

        enum CodingKeys: String, CodingKey {
            case current
            case total
            case start
            case hideCounts = "hidecounts"
            case units
        }
    }

    /// A failure in the stream.
    public struct ErrorDetail: Codable, Sendable, Equatable {
        /// Legacy numeric code; omitted when nil.
        public var code: Int?
        /// The message, byte-identical to dockerd's.
        public var message: String

        /// Creates an error detail.
        public init(code: Int? = nil, message: String) {
            self.code = code
            self.message = message
        }

        enum CodingKeys: String, CodingKey {
            case code
            case message
        }
    }

    /// Structured extra data: push results (`Tag`, `Digest`, `Size`) and build results (`ID`).
    public struct Aux: Codable, Sendable, Equatable {
        /// Pushed tag.
        public var tag: String?
        /// Pushed manifest digest.
        public var digest: String?
        /// Pushed manifest size in bytes.
        public var size: Int64?
        /// Built image ID.
        public var id: String?

        /// Creates aux data.
        public init(tag: String? = nil, digest: String? = nil, size: Int64? = nil, id: String? = nil) {
            self.tag = tag
            self.digest = digest
            self.size = size
            self.id = id
        }

        enum CodingKeys: String, CodingKey {
            case tag = "Tag"
            case digest = "Digest"
            case size = "Size"
            case id = "ID"
        }
    }
}
