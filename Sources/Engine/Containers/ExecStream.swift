// SPDX-License-Identifier: Apache-2.0
// The attached connection of an exec: the shim's stream, except that its end of output is held back
// until the exec's exit code is recorded, so a client that inspects the exec as soon as the stream ends
// (the docker CLI does, for its exit status) sees the code, as with dockerd.

import Platform

/// A shim connection whose EOF waits for the exec's exit to be recorded.
final class ExecStream: ByteStream {
    private let shim: any ByteStream
    private let recorded: OneShot<Void>

    /// Wraps `shim`; `recorded` is fulfilled once the exit code is stored.
    init(_ shim: any ByteStream, recorded: OneShot<Void>) {
        self.shim = shim
        self.recorded = recorded
    }

    var descriptor: FileDescriptor { shim.descriptor }

    /// Reads output; at its end waits for the exit record before reporting EOF.
    func read(into buffer: UnsafeMutableRawBufferPointer, until deadline: Deadline?) async throws -> Int {
        let count = try await shim.read(into: buffer, until: deadline)
        if count == 0 { await recorded.value() }
        return count
    }

    func waitForInput(until deadline: Deadline?) async throws { try await shim.waitForInput(until: deadline) }

    /// Passes through without waiting (nothing can wait here): relays read with `read(into:until:)`.
    func readAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? { try shim.readAvailable(into: buffer) }

    func write(_ bytes: [UInt8], until deadline: Deadline?) async throws { try await shim.write(bytes, until: deadline) }

    func shutdownWrite() { shim.shutdownWrite() }

    func close() { shim.close() }
}
