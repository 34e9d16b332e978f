// SPDX-License-Identifier: Apache-2.0
// Block I/O cgroup settings of the runtime spec (config-linux.md "Block IO").

extension OCIRuntimeSpec {
    /// Block I/O weights and throttles (`resources.blockIO`).
    public struct BlockIO: Codable, Sendable, Hashable {
        /// Default weight, 10–1000 (`weight`).
        public var weight: UInt16?
        /// Weight for the cgroup's own tasks (`leafWeight`).
        public var leafWeight: UInt16?
        /// Per-device weights (`weightDevice`).
        public var weightDevice: [WeightDevice]?
        /// Read bytes/s per device (`throttleReadBpsDevice`).
        public var throttleReadBpsDevice: [ThrottleDevice]?
        /// Write bytes/s per device (`throttleWriteBpsDevice`).
        public var throttleWriteBpsDevice: [ThrottleDevice]?
        /// Read IO/s per device (`throttleReadIOPSDevice`).
        public var throttleReadIOPSDevice: [ThrottleDevice]?
        /// Write IO/s per device (`throttleWriteIOPSDevice`).
        public var throttleWriteIOPSDevice: [ThrottleDevice]?

        /// Creates block I/O settings.
        public init(
            weight: UInt16? = nil, leafWeight: UInt16? = nil, weightDevice: [WeightDevice]? = nil,
            throttleReadBpsDevice: [ThrottleDevice]? = nil, throttleWriteBpsDevice: [ThrottleDevice]? = nil,
            throttleReadIOPSDevice: [ThrottleDevice]? = nil, throttleWriteIOPSDevice: [ThrottleDevice]? = nil
        ) {
            self.weight = weight
            self.leafWeight = leafWeight
            self.weightDevice = weightDevice
            self.throttleReadBpsDevice = throttleReadBpsDevice
            self.throttleWriteBpsDevice = throttleWriteBpsDevice
            self.throttleReadIOPSDevice = throttleReadIOPSDevice
            self.throttleWriteIOPSDevice = throttleWriteIOPSDevice
        }
    }

    /// A per-device weight (`blockIO.weightDevice[]`).
    public struct WeightDevice: Codable, Sendable, Hashable {
        /// Device major number (`major`).
        public var major: Int64
        /// Device minor number (`minor`).
        public var minor: Int64
        /// Weight (`weight`).
        public var weight: UInt16?
        /// Leaf weight (`leafWeight`).
        public var leafWeight: UInt16?

        /// Creates a device weight.
        public init(major: Int64, minor: Int64, weight: UInt16? = nil, leafWeight: UInt16? = nil) {
            self.major = major
            self.minor = minor
            self.weight = weight
            self.leafWeight = leafWeight
        }
    }

    /// A per-device rate limit (`blockIO.throttle*Device[]`).
    public struct ThrottleDevice: Codable, Sendable, Hashable {
        /// Device major number (`major`).
        public var major: Int64
        /// Device minor number (`minor`).
        public var minor: Int64
        /// Bytes or operations per second (`rate`).
        public var rate: UInt64

        /// Creates a device rate limit.
        public init(major: Int64, minor: Int64, rate: UInt64) {
            self.major = major
            self.minor = minor
            self.rate = rate
        }
    }
}
