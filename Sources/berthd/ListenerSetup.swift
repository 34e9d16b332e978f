// SPDX-License-Identifier: Apache-2.0
// Binds the `-H` addresses before anything else runs, so a busy socket stops startup with a clear message.

import Glibc
import HTTP
import HTTPCore
import Platform

/// Opens every configured listener.
enum ListenerSetup {
    /// Binds `hosts`; unix sockets get mode 0660 and the `group` when it exists (as dockerd does).
    static func bind(_ hosts: [HostAddress], tls: TLSContext?, group: String) throws -> [Listener] {
        var bound: [Listener] = []
        do {
            for host in hosts { bound.append(try bindOne(host, tls: tls, group: group)) }
            return bound
        } catch {
            // Undo only what this call created; a socket that failed with EADDRINUSE is another daemon's.
            for listener in bound {
                listener.descriptor.close()
                if listener.transport == .unix {
                    unlink(String(listener.address.dropFirst("unix://".count)))
                }
            }
            throw error
        }
    }

    private static func bindOne(_ host: HostAddress, tls: TLSContext?, group: String) throws
        -> Listener
    {
        switch host {
        case .unix(let path):
            try makeParentDirectory(of: path)
            let fd: FileDescriptor
            do {
                fd = try Socket.listenUnix(path: path)
            } catch let error as Errno where error.code == EADDRINUSE {
                throw DaemonError(
                    "another process is already listening on \(path) (is dockerd or berthd running?)")
            }
            chmod(path, 0o660)
            if let entry = getgrnam(group) {
                chown(path, 0, entry.pointee.gr_gid)
            } else if group != "docker" {
                throw DaemonError("can't create unix socket \(path): group \(group) not found")
            }
            return Listener(descriptor: fd, transport: .unix, address: host.description)
        case .tcp(let address, let port):
            let fd: FileDescriptor
            do {
                fd = try Socket.listenTCP(host: address, port: port)
            } catch let error as Errno {
                throw DaemonError("listen tcp \(address):\(port): \(error.message)")
            }
            return Listener(
                descriptor: fd, transport: tls == nil ? .tcp : .tls, address: host.description, tls: tls)
        }
    }

    /// Removes the socket files of unix listeners at shutdown.
    static func removeSocketFiles(_ hosts: [HostAddress]) {
        for case .unix(let path) in hosts { unlink(path) }
    }

    private static func makeParentDirectory(of path: String) throws {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        try Directories.create(String(path[..<slash]), mode: 0o755)
    }
}
