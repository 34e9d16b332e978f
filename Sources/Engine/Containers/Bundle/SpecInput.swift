// SPDX-License-Identifier: Apache-2.0
// Everything SpecBuilder needs to write a container's config.json, resolved by the caller (no I/O in the builder).

import Models

/// The inputs of one `SpecBuilder.build(_:)` call: the container's create options plus facts the caller looked up.
public struct SpecInput: Sendable {
    /// cgroup hierarchy of the host (decides the default cgroup namespace, as moby's CgroupnsMode default).
    public enum CgroupVersion: Sendable, Equatable { case v1, v2 }

    /// Full container ID (the cgroup leaf is `/berth/<id>`).
    public var id: String
    /// The container's `Config` (Cmd, Entrypoint, Env, WorkingDir, Tty).
    public var config: ContainerConfig
    /// The container's `HostConfig` (security, resources, mounts, namespaces).
    public var host: HostConfig
    /// The image's run defaults (`config` of the image JSON).
    public var image: ImageConfig
    /// The process user, already resolved from the container's /etc/passwd and /etc/group.
    public var user: OCIRuntimeSpec.User
    /// The final hostname of the container.
    public var hostname: String
    /// Host paths bind-mounted to /etc/hostname, /etc/hosts, /etc/resolv.conf; nil leaves that file to the image.
    public var hostnamePath: String?
    /// Host path of the container's /etc/hosts.
    public var hostsPath: String?
    /// Host path of the container's /etc/resolv.conf.
    public var resolvConfPath: String?
    /// Host source directory of each volume mount, keyed by its destination inside the container.
    public var volumeSources: [String: String]
    /// Network namespace path for `container:<id>` (or a netns path); nil gives a fresh one unless NetworkMode is host.
    public var networkNamespacePath: String?
    /// Host cgroup layout.
    public var cgroupVersion: CgroupVersion
    /// Host kernel version, for the seccomp profile's `minKernel` rules.
    public var kernel: (major: Int, minor: Int)
    /// Go architecture name of the host (`amd64`).
    public var architecture: String
    /// Text of a custom seccomp profile (`--security-opt seccomp=<file>`, read by the caller).
    public var seccompProfile: String?
    /// Capabilities the daemon holds itself: the most a privileged (or `--cap-add ALL`) container can get.
    public var hostCapabilities: Set<String> = HostDevices.boundingCapabilities
    /// Device nodes a privileged container gets; nil means the host's /dev, scanned when the spec is built.
    public var hostDevices: [OCIRuntimeSpec.Device]?

    /// Creates an input; only the container's own options are required.
    public init(
        id: String, config: ContainerConfig, host: HostConfig, image: ImageConfig = ImageConfig(),
        user: OCIRuntimeSpec.User = OCIRuntimeSpec.User(), hostname: String = "", hostnamePath: String? = nil,
        hostsPath: String? = nil, resolvConfPath: String? = nil, volumeSources: [String: String] = [:],
        networkNamespacePath: String? = nil, cgroupVersion: CgroupVersion = .v1, kernel: (major: Int, minor: Int) = (6, 1),
        architecture: String = "amd64", seccompProfile: String? = nil
    ) {
        self.id = id
        self.config = config
        self.host = host
        self.image = image
        self.user = user
        self.hostname = hostname
        self.hostnamePath = hostnamePath
        self.hostsPath = hostsPath
        self.resolvConfPath = resolvConfPath
        self.volumeSources = volumeSources
        self.networkNamespacePath = networkNamespacePath
        self.cgroupVersion = cgroupVersion
        self.kernel = kernel
        self.architecture = architecture
        self.seccompProfile = seccompProfile
    }
}
