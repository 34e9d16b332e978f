// SPDX-License-Identifier: Apache-2.0
// Root filesystem, mounts and hooks of the runtime spec (config.md "Root", "Mounts", "POSIX-platform Hooks").

extension OCIRuntimeSpec {
    /// The container's root filesystem (`root`).
    public struct Root: Codable, Sendable, Hashable {
        /// Path to the rootfs, absolute or relative to the bundle (`path`).
        public var path: String
        /// Mount the rootfs read-only (`readonly`).
        public var readonly: Bool?

        /// Creates a root.
        public init(path: String, readonly: Bool? = nil) {
            self.path = path
            self.readonly = readonly
        }
    }

    /// One mount (`mounts[]`).
    public struct Mount: Codable, Sendable, Hashable {
        /// Absolute path in the container (`destination`).
        public var destination: String
        /// Filesystem type, e.g. `proc`, `tmpfs`, `bind` (`type`).
        public var type: String?
        /// Device name, directory or dummy source (`source`).
        public var source: String?
        /// Mount options, e.g. `nosuid`, `rbind`, `ro` (`options`).
        public var options: [String]?

        /// Creates a mount.
        public init(destination: String, type: String? = nil, source: String? = nil, options: [String]? = nil) {
            self.destination = destination
            self.type = type
            self.source = source
            self.options = options
        }
    }

    /// Lifecycle hooks (`hooks`).
    public struct Hooks: Codable, Sendable, Hashable {
        /// Deprecated prestart hooks (`prestart`).
        public var prestart: [Hook]?
        /// Run in the runtime namespace after create (`createRuntime`).
        public var createRuntime: [Hook]?
        /// Run in the container namespace after create (`createContainer`).
        public var createContainer: [Hook]?
        /// Run in the container before the user process (`startContainer`).
        public var startContainer: [Hook]?
        /// Run after the user process starts (`poststart`).
        public var poststart: [Hook]?
        /// Run after the container is deleted (`poststop`).
        public var poststop: [Hook]?

        /// Creates hooks.
        public init(
            prestart: [Hook]? = nil, createRuntime: [Hook]? = nil, createContainer: [Hook]? = nil,
            startContainer: [Hook]? = nil, poststart: [Hook]? = nil, poststop: [Hook]? = nil
        ) {
            self.prestart = prestart
            self.createRuntime = createRuntime
            self.createContainer = createContainer
            self.startContainer = startContainer
            self.poststart = poststart
            self.poststop = poststop
        }
    }

    /// One hook command (`hooks.*[]`).
    public struct Hook: Codable, Sendable, Hashable {
        /// Absolute path of the executable (`path`).
        public var path: String
        /// argv including argv[0] (`args`).
        public var args: [String]?
        /// Environment (`env`).
        public var env: [String]?
        /// Seconds before the hook is aborted (`timeout`).
        public var timeout: Int?

        /// Creates a hook.
        public init(path: String, args: [String]? = nil, env: [String]? = nil, timeout: Int? = nil) {
            self.path = path
            self.args = args
            self.env = env
            self.timeout = timeout
        }
    }
}
