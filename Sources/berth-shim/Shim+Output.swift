// SPDX-License-Identifier: Apache-2.0
// The process's output: into the json-file log (line by line) and to every attached client as frames.

import Glibc
import ShimProtocol

extension Shim {
    /// Reads what one output source has; EOF (or EIO on a pty master whose slave closed) ends it.
    func readOutput(_ index: Int) {
        let fd = outputs[index].fd
        let count = read(fd, scratch.baseAddress, scratch.count)
        if count < 0 && (errno == EAGAIN || errno == EINTR) { return }
        if count <= 0 { return endOutput(index) }
        deliver(UnsafeRawBufferPointer(rebasing: scratch[..<count]), from: index)
    }

    private func deliver(_ bytes: UnsafeRawBufferPointer, from index: Int) {
        let stream = outputs[index].stream
        if let log {
            let name: StaticString = stream == 2 ? "stderr" : "stdout"
            let now = SystemCalls.now()
            outputs[index].splitter.append(bytes) { log.write($0, stream: name, nanoseconds: now) }
        }
        var header: [UInt8]?
        for client in clients where client.attached && !client.isClosed && (stream == 2 ? client.wantsStderr : client.wantsStdout) {
            let frameHeader = header ?? ShimFrame.header(stream: stream, count: bytes.count)
            header = frameHeader
            client.send(frameHeader)
            client.send(bytes)
        }
    }

    /// Closes an ended source and writes its unfinished last line to the log.
    func endOutput(_ index: Int) {
        let fd = outputs[index].fd
        guard fd >= 0 else { return }
        if let log {
            let name: StaticString = outputs[index].stream == 2 ? "stderr" : "stdout"
            let now = SystemCalls.now()
            outputs[index].splitter.flush { log.write($0, stream: name, nanoseconds: now) }
        }
        outputs[index].fd = -1
        // The pty master is also stdin: keep it for the descriptor's one close below.
        if fd == master {
            if stdinFD == master { stdinFD = -1 }
            master = -1
        }
        close(fd)
    }
}
