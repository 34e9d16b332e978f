// SPDX-License-Identifier: Apache-2.0
// Starts a berth-shim: state directory, posix_spawn in its own session with the ready pipe as fd 3,
// the ready line read on the event loop, and a reaper task so no zombie stays behind.

import Glibc
import Platform
import ShimProtocol

/// Spawns shims.
public enum ShimLauncher {
    /// Spawns `executable` with `arguments` and waits for its ready line; returns the shim's pid.
    /// Throws `ShimError.runtime` with the runtime's text when the runtime's create failed.
    public static func launch(executable: String, arguments: ShimArguments) async throws -> Int32 {
        try Directories.create(arguments.stateDirectory, mode: 0o700)
        let ready = try Pipe.make()
        let pid = try Spawner.spawn(
            executable, arguments: arguments.arguments, options: SpawnOptions(newSession: true, extraDescriptors: [ready.write]))
        ready.write.close()
        reapWhenExited(pid)
        defer { ready.read.close() }
        try ready.read.setNonBlocking()
        let line = try await readLine(ready.read)
        switch ShimReply(line: Substring(line)) {
        case .ready: return pid
        case .error(let message): throw ShimError.runtime(message)
        default:
            throw ShimError.protocolViolation(line.isEmpty ? "berth-shim exited without reporting" : "berth-shim reported \(line)")
        }
    }

    /// Reads up to the first newline (or end of file): the shim writes one line and closes.
    private static func readLine(_ fd: FileDescriptor) async throws -> String {
        var collected: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
        defer { buffer.deallocate() }
        while !collected.contains(UInt8(ascii: "\n")) {
            let count = try await fd.read(into: buffer)
            if count == 0 { break }
            collected += buffer[..<count]
        }
        return String(decoding: collected.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    }

    /// Reaps the shim when it exits (pidfd readiness on the event loop), so berthd keeps no zombies.
    private static func reapWhenExited(_ pid: Int32) {
        Task.detached {
            _ = try? await ProcessDescriptor.waitForExit(pid)
        }
    }
}
