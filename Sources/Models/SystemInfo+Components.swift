// SPDX-License-Identifier: Apache-2.0
// Small value types used only inside `SystemInfo`: runtimes, commits, address pools, resources, firewall, devices, containerd.

extension SystemInfo {
    /// An OCI runtime the daemon can use (spec `Runtime`, moby `RuntimeWithStatus`).
    public struct Runtime: Codable, Sendable, Equatable {
        /// Name or path of the runtime executable; omitted when nil.
        public var path: String?
        /// Arguments passed to every invocation; omitted when nil.
        public var runtimeArgs: [String]?
        /// Runtime-specific information, e.g. `org.opencontainers.runtime-spec.features`; omitted when nil.
        public var status: [String: String]?

        /// Creates a runtime entry.
        public init(path: String? = nil, runtimeArgs: [String]? = nil, status: [String: String]? = nil) {
            self.path = path
            self.runtimeArgs = runtimeArgs
            self.status = status
        }

        enum CodingKeys: String, CodingKey {
            case path
            case runtimeArgs
            case status
        }
    }

    /// The commit an external tool was built from (spec `Commit`).
    public struct Commit: Codable, Sendable, Equatable {
        /// The commit ID.
        public var id: String
        /// Deprecated since v1.48, omitted from v1.49; for older API versions only.
        public var expected: String?

        /// Creates a commit entry.
        public init(id: String = "", expected: String? = nil) {
            self.id = id
            self.expected = expected
        }

        enum CodingKeys: String, CodingKey {
            case id = "ID"
            case expected = "Expected"
        }
    }

    /// A default address pool for local networks (moby `NetworkAddressPool`).
    public struct AddressPool: Codable, Sendable, Equatable {
        /// The network address in CIDR form, e.g. `10.10.0.0/16`.
        public var base: String
        /// The prefix length of each pool carved from `base`.
        public var size: Int

        /// Creates an address pool.
        public init(base: String, size: Int) {
            self.base = base
            self.size = size
        }

        enum CodingKeys: String, CodingKey {
            case base = "Base"
            case size = "Size"
        }
    }

    /// One user-defined resource: a named (string) or discrete (integer) resource (spec `GenericResources` item).
    public struct GenericResource: Codable, Sendable, Equatable {
        /// A string resource, e.g. `GPU=UUID1`.
        public struct NamedResourceSpec: Codable, Sendable, Equatable {
            /// The resource kind.
            public var kind: String
            /// The resource value.
            public var value: String

            /// Creates a named resource.
            public init(kind: String, value: String) {
                self.kind = kind
                self.value = value
            }

            enum CodingKeys: String, CodingKey {
                case kind = "Kind"
                case value = "Value"
            }
        }

        /// An integer resource, e.g. `SSD=3`.
        public struct DiscreteResourceSpec: Codable, Sendable, Equatable {
            /// The resource kind.
            public var kind: String
            /// The resource amount.
            public var value: Int64

            /// Creates a discrete resource.
            public init(kind: String, value: Int64) {
                self.kind = kind
                self.value = value
            }

            enum CodingKeys: String, CodingKey {
                case kind = "Kind"
                case value = "Value"
            }
        }

        /// Set for a string resource.
        public var namedResourceSpec: NamedResourceSpec?
        /// Set for an integer resource.
        public var discreteResourceSpec: DiscreteResourceSpec?

        /// Creates a resource entry; set exactly one of the two.
        public init(namedResourceSpec: NamedResourceSpec? = nil, discreteResourceSpec: DiscreteResourceSpec? = nil) {
            self.namedResourceSpec = namedResourceSpec
            self.discreteResourceSpec = discreteResourceSpec
        }

        enum CodingKeys: String, CodingKey {
            case namedResourceSpec = "NamedResourceSpec"
            case discreteResourceSpec = "DiscreteResourceSpec"
        }
    }

    /// The daemon's firewall backend (spec `FirewallInfo`).
    public struct FirewallInfo: Codable, Sendable, Equatable {
        /// Backend driver name, e.g. `iptables` or `nftables`.
        public var driver: String
        /// Label/value pairs about the backend, e.g. `[["ReloadedAt","2025-01-01T00:00:00Z"]]`; omitted when nil.
        public var info: [[String]]?

        /// Creates a firewall entry.
        public init(driver: String, info: [[String]]? = nil) {
            self.driver = driver
            self.info = info
        }

        enum CodingKeys: String, CodingKey {
            case driver = "Driver"
            case info = "Info"
        }
    }

    /// A device found by a device driver (spec `DeviceInfo`).
    public struct DeviceInfo: Codable, Sendable, Equatable {
        /// The device driver, e.g. `cdi`.
        public var source: String
        /// The device identifier within its driver, e.g. `vendor.com/gpu=0`.
        public var id: String

        /// Creates a device entry.
        public init(source: String, id: String) {
            self.source = source
            self.id = id
        }

        enum CodingKeys: String, CodingKey {
            case source = "Source"
            case id = "ID"
        }
    }

    /// How the daemon reaches containerd (spec `ContainerdInfo`); Berth has no containerd and leaves it nil.
    public struct ContainerdInfo: Codable, Sendable, Equatable {
        /// The containerd namespaces the daemon uses.
        public struct Namespaces: Codable, Sendable, Equatable {
            /// Namespace for containers, default `moby`.
            public var containers: String
            /// Namespace for plugins, default `plugins.moby`.
            public var plugins: String

            /// Creates a namespaces entry.
            public init(containers: String = "moby", plugins: String = "plugins.moby") {
                self.containers = containers
                self.plugins = plugins
            }

            enum CodingKeys: String, CodingKey {
                case containers = "Containers"
                case plugins = "Plugins"
            }
        }

        /// The containerd socket address.
        public var address: String
        /// The namespaces in use.
        public var namespaces: Namespaces

        /// Creates a containerd entry.
        public init(address: String, namespaces: Namespaces = Namespaces()) {
            self.address = address
            self.namespaces = namespaces
        }

        enum CodingKeys: String, CodingKey {
            case address = "Address"
            case namespaces = "Namespaces"
        }
    }
}
