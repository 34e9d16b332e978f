// SPDX-License-Identifier: Apache-2.0
// libarchive client callbacks over plain file descriptors. They run on a dedicated thread, so they
// may block: EAGAIN on a non-blocking pipe or socket waits in poll(2) rather than failing.

import CArchive
import Glibc
import Platform

/// Reads an fd for libarchive (`archive_read_open` client data), counting bytes and keeping the errno.
final class ArchiveSource {
    let fd: Int32
    private let buffer: UnsafeMutableRawPointer
    private let capacity = 256 * 1024
    /// Bytes read from `fd` so far.
    private(set) var bytesRead: Int64 = 0
    /// The read error that ended the stream, if any.
    private(set) var failure: ArchiveError?

    init(fd: Int32) {
        self.fd = fd
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Fills the buffer once; 0 at end of file, -1 with `failure` set.
    func read(_ out: UnsafeMutablePointer<UnsafeRawPointer?>?) -> Int {
        while true {
            let count = Glibc.read(fd, buffer, capacity)
            if count >= 0 {
                bytesRead += Int64(count)
                out?.pointee = UnsafeRawPointer(buffer)
                return count
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK, waitReady(fd, events: Int16(POLLIN)) { continue }
            failure = ArchiveError.system("read", code: code)
            return -1
        }
    }

    /// Opens `archive` for reading through this source (archive_read_open); the source must outlive it.
    func open(_ archive: OpaquePointer) -> Int32 {
        archive_read_open(
            archive, Unmanaged.passUnretained(self).toOpaque(), nil,
            { _, context, out in
                guard let context else { return -1 }
                return Unmanaged<ArchiveSource>.fromOpaque(context).takeUnretainedValue().read(out)
            }, nil)
    }
}

/// Writes libarchive's output to an fd (`archive_write_open` client data), keeping the errno.
final class ArchiveSink {
    let fd: Int32
    private let isSocket: Bool
    /// The write error that ended the stream, if any.
    private(set) var failure: ArchiveError?

    init(fd: Int32) {
        self.fd = fd
        var info = stat()
        isSocket = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFSOCK
    }

    /// Writes all `count` bytes; returns `count`, or -1 with `failure` set.
    func write(_ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        guard let bytes else { return 0 }
        var offset = 0
        while offset < count {
            // send(MSG_NOSIGNAL) on sockets: a vanished client gives EPIPE, not SIGPIPE.
            let written =
                isSocket
                ? send(fd, bytes + offset, count - offset, Int32(MSG_NOSIGNAL))
                : Glibc.write(fd, bytes + offset, count - offset)
            if written >= 0 {
                offset += written
                continue
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK, waitReady(fd, events: Int16(POLLOUT)) { continue }
            failure = ArchiveError.system("write", code: code)
            return -1
        }
        return count
    }

    /// Opens `archive` for writing through this sink (archive_write_open); the sink must outlive it.
    func open(_ archive: OpaquePointer) -> Int32 {
        archive_write_open(
            archive, Unmanaged.passUnretained(self).toOpaque(), nil,
            { _, context, bytes, count in
                guard let context else { return -1 }
                return Unmanaged<ArchiveSink>.fromOpaque(context).takeUnretainedValue().write(bytes, count)
            }, nil)
    }
}

/// Blocks in poll(2) until `fd` reports `events` (or an error/hang-up, which the retried call then sees).
private func waitReady(_ fd: Int32, events: Int16) -> Bool {
    var entry = pollfd(fd: fd, events: events, revents: 0)
    while true {
        let rc = poll(&entry, 1, -1)
        if rc >= 0 { return true }
        if errno != EINTR { return false }
    }
}
