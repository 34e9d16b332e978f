// SPDX-License-Identifier: Apache-2.0
// SCM_RIGHTS in-process and from another process, and pty allocation with window sizing.

import Glibc
import Testing

@testable import Platform

@Suite struct FDPassingTests {
    private func readSome(_ fd: FileDescriptor) async throws -> String {
        try fd.setNonBlocking()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 1)
        defer { buffer.deallocate() }
        let count = try await fd.read(into: buffer)
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    @Test func passesAPipeEndOverASocketPair() async throws {
        let (left, right) = try FDPassing.socketPair()
        let pipe = try Pipe.make()
        try await FDPassing.send(pipe.write, over: left)
        pipe.write.close()
        let received = try await FDPassing.receive(from: right)
        #expect(received.rawValue != pipe.write.rawValue || pipe.write.isClosed)
        #expect(fcntl(received.rawValue, F_GETFD) & FD_CLOEXEC != 0)
        try await received.writeAll(Array("through the copy".utf8))
        received.close()
        #expect(try await readSome(pipe.read) == "through the copy")
    }

    @Test func receiveWithoutDescriptorThrows() async throws {
        let (left, right) = try FDPassing.socketPair()
        try await left.writeAll([1])
        await #expect(throws: Errno(ENODATA, "")) { _ = try await FDPassing.receive(from: right) }
        left.close()
        await #expect(throws: Errno(ECONNRESET, "")) { _ = try await FDPassing.receive(from: right) }
    }

    @Test func receivesAPipeFromAnotherProcess() async throws {
        let path = "/tmp/berth-fdpass-\(getpid()).sock"
        let listener = try Socket.listenUnix(path: path)
        defer { unlink(path) }
        let script = """
            import os, socket, sys
            r, w = os.pipe()
            os.write(w, b"from python")
            os.close(w)
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(sys.argv[1])
            socket.send_fds(s, [b"x"], [r])
            s.close()
            """
        let pid = try Spawner.spawn("/usr/bin/python3", arguments: ["-c", script, path])
        let connection = try await Socket.accept(listener)
        let received = try await FDPassing.receive(from: connection)
        #expect(try await readSome(received) == "from python")
        let status = try await ProcessDescriptor.waitForExit(pid)
        #expect(ProcessStatus.exitCode(status) == 0)
    }

    @Test func ptyWindowSizeReadsBackThroughTheSlave() throws {
        let pty = try PseudoTerminal.open()
        #expect(pty.slavePath.hasPrefix("/dev/pts/"))
        try PseudoTerminal.setWindowSize(pty.master, rows: 42, cols: 132)
        let slaveFD = Glibc.open(pty.slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        #expect(slaveFD >= 0)
        let slave = FileDescriptor(owning: slaveFD)
        let size = try PseudoTerminal.windowSize(slave)
        #expect(size.rows == 42 && size.cols == 132)
        #expect(isatty(slave.rawValue) == 1)
    }
}
