// SPDX-License-Identifier: Apache-2.0
// Copies a hijacked client connection to and from a shim's attach socket. The shim sends stdcopy frames:
// passed through unchanged without a tty, unwrapped to raw bytes with one. Client bytes go to the shim
// (watching for the detach keys); the client's half-close becomes the shim's, and the relay ends when the
// shim closes (the process exited) or the client detaches or goes away.

import HTTPCore
import Platform
import ShimProtocol

/// Relays one attach or exec session.
enum AttachRelay {
    /// Runs until the session ends, then closes both sides; true when the client detached with its keys.
    @discardableResult
    static func run(client: UpgradedConnection, shim: any ByteStream, tty: Bool, stdin: Bool, detachKeys: DetachKeys) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await copyOutput(from: shim, to: client.stream, tty: tty)
                return false
            }
            if stdin {
                group.addTask {
                    await copyInput(from: client, to: shim, detachKeys: detachKeys)
                }
            }
            group.addTask { await watchClientGone(client.stream) }
            // Whichever side ends the session first ends the other: output (exit), input (detach), or the
            // client gone for good.
            let detached = await group.next() ?? false
            shim.close()
            client.stream.close()
            group.cancelAll()
            return detached
        }
    }

    /// Shim → client until the shim closes; then waits nothing more.
    private static func copyOutput(from shim: any ByteStream, to client: any ByteStream, tty: Bool) async {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        var pending: [UInt8] = []
        while true {
            guard let count = try? await shim.read(into: buffer, until: nil), count > 0 else { return }
            let bytes = Array(buffer[..<count])
            if !tty {
                guard (try? await client.write(bytes, until: nil)) != nil else { return }
                continue
            }
            pending += bytes
            var out: [UInt8] = []
            var offset = 0
            while let header = ShimFrame.parse(pending[offset...]), pending.count - offset - ShimFrame.headerSize >= header.count {
                let start = offset + ShimFrame.headerSize
                out += pending[start..<start + header.count]
                offset = start + header.count
            }
            pending.removeFirst(offset)
            if !out.isEmpty { guard (try? await client.write(out, until: nil)) != nil else { return } }
        }
    }

    /// Client → shim; returns true on detach, false when the shim stopped taking input; parks (never
    /// ending the session itself) once the client half-closed or went away.
    private static func copyInput(from client: UpgradedConnection, to shim: any ByteStream, detachKeys: DetachKeys) async -> Bool {
        var keys = detachKeys
        if !client.initialBytes.isEmpty {
            let (pass, detach) = keys.filter(client.initialBytes[...])
            if !pass.isEmpty { guard (try? await shim.write(pass, until: nil)) != nil else { return false } }
            if detach { return true }
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 32 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            guard let count = try? await client.stream.read(into: buffer, until: nil) else { return await parkForever() }
            if count == 0 {
                // Half-close: the container's stdin ends, output keeps flowing until the process exits.
                shim.shutdownWrite()
                return await parkForever()
            }
            let (pass, detach) = keys.filter(Array(buffer[..<count])[...])
            if !pass.isEmpty { guard (try? await shim.write(pass, until: nil)) != nil else { return await parkForever() } }
            if detach { return true }
        }
    }

    /// Returns once the client's socket is closed in both directions (checked every second). Without it a
    /// client killed while the process is silent held the session, and its descriptors, until the next
    /// output: neither the output copy (nothing to write) nor the input copy (a half-close parks it) notices.
    static func watchClientGone(_ stream: any ByteStream) async -> Bool {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            if Socket.peerIsGone(stream.descriptor) { return false }
        }
        return false
    }

    /// Keeps the input task alive (so it does not end the session) until cancelled.
    private static func parkForever() async -> Bool {
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
        return false
    }
}
