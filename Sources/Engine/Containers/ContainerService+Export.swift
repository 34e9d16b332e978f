// SPDX-License-Identifier: Apache-2.0
// `docker export` (the container's merged filesystem as a tar stream, written by GNU tar in a child so the
// daemon never walks a container's tree itself) and `docker diff` (the upper directory against the image).

import Glibc
import Models
import Platform

extension ContainerService {
    /// Streams the root filesystem of `reference` as a tar archive; `body` gets each piece.
    /// A stopped container's rootfs is mounted for the export, holding the container's gate meanwhile.
    public func export(_ reference: String, into body: @Sendable ([UInt8]) async throws -> Void) async throws {
        let id = try resolve(reference)
        guard let container = containers[id] else { return }
        if container.state.isRunning {
            try await Self.streamTar(of: paths.rootfs(id), into: body)
            return
        }
        try await exclusively(id) {
            let image = try await images.find(container.spec.imageID)
            let rootfs = paths.rootfs(id)
            try Directories.create(paths.bundle(id), mode: 0o711)
            try Directories.create(rootfs, mode: 0o755)
            _ = try filesystem.mountRootfs(id: id, lowerDirs: image.record.layers.reversed().map { images.layers.diffPath($0) }, at: rootfs)
            defer { try? filesystem.unmountRootfs(at: rootfs) }
            try await Self.streamTar(of: rootfs, into: body)
        }
        await publish("export", container)
    }

    /// Runs `tar -c` over `directory` and hands its output on as it comes.
    static func streamTar(of directory: String, into body: @Sendable ([UInt8]) async throws -> Void) async throws {
        let pipe = try Pipe.make()
        let options = SpawnOptions(standardOutput: .descriptor(pipe.write))
        let pid = try Spawner.spawn(
            "/bin/tar", arguments: ["--numeric-owner", "--xattrs", "--xattrs-include=security.capability", "-C", directory, "-cf", "-", "."],
            options: options)
        pipe.write.close()
        try pipe.read.setNonBlocking()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        do {
            while true {
                let count = try await pipe.read.read(into: buffer)
                if count == 0 { break }
                try await body(Array(buffer[..<count]))
            }
        } catch {
            Glibc.kill(pid, SIGKILL)
            _ = try? await ProcessDescriptor.waitForExit(pid)
            throw error
        }
        let status = try await ProcessDescriptor.waitForExit(pid)
        let code = ProcessStatus.exitCode(status) ?? -1
        guard code == 0 else { throw EngineError.system("tar failed with status \(code)") }
    }

    /// `docker diff`: A (1), C (0) and D (2) entries of the writable layer, sorted by path.
    public func changes(_ reference: String) async throws -> [ContainerChangeItem] {
        let container = try find(reference)
        let image = try? await images.find(container.spec.imageID)
        let lowers = (image?.record.layers.reversed() ?? []).map { images.layers.diffPath($0) }
        return ContainerChanges.list(upper: filesystem.upperDirectory(id: container.id), lowers: lowers)
    }
}
