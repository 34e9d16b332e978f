// SPDX-License-Identifier: Apache-2.0
// The server: accept loops for each listener, one task per connection, graceful shutdown.
// Listeners are bound by the caller first, so bind errors surface before anything runs.

import Glibc
import HTTPCore
import Platform
import Synchronization

/// Answers one request. Errors are the handler's to turn into responses.
public typealias HTTPHandler = @Sendable (HTTPRequest) async -> HTTPResponse

/// A bound listening socket and how to speak on it.
public struct Listener: Sendable {
    /// The listening socket.
    public let descriptor: FileDescriptor
    /// The transport requests arriving here report.
    public let transport: ConnectionInfo.Transport
    /// The address as configured, e.g. `tcp://127.0.0.1:2376`.
    public let address: String
    /// The TLS context for `tls` listeners.
    public let tls: TLSContext?

    /// Wraps a bound socket.
    public init(descriptor: FileDescriptor, transport: ConnectionInfo.Transport, address: String, tls: TLSContext? = nil) {
        self.descriptor = descriptor
        self.transport = transport
        self.address = address
        self.tls = tls
    }
}

/// An HTTP/1.1 server over the event loop.
public final class HTTPServer: Sendable {
    private let options: ServerOptions
    private let handler: HTTPHandler
    private let listeners: [Listener]
    private let registry = ConnectionRegistry()
    private let acceptTasks = Mutex<[Task<Void, Never>]>([])

    /// A server for `listeners` that answers with `handler`.
    public init(listeners: [Listener], options: ServerOptions = ServerOptions(), handler: @escaping HTTPHandler) {
        self.listeners = listeners
        self.options = options
        self.handler = handler
    }

    /// Number of open connections.
    public var connectionCount: Int { registry.count }

    /// Starts the accept loops; returns at once.
    public func start() {
        let tasks = listeners.map { listener in
            // Prefer the event loop as executor: readiness resumes these tasks on the loop thread itself.
            Task(executorPreference: EventLoop.all[0]) { await self.acceptLoop(listener) }
        }
        acceptTasks.withLock { $0 += tasks }
    }

    /// Stops accepting, closes idle connections, ends streams, lets in-flight requests finish (up to the
    /// grace period), then cancels what is left and returns when every connection is closed.
    public func shutdown() async {
        for listener in listeners { listener.descriptor.close() }
        registry.beginDraining()
        let grace = Deadline.after(seconds: options.shutdownGrace)
        while registry.count > 0 && !grace.hasPassed { try? await Task.sleep(for: .milliseconds(20)) }
        registry.cancelAll()
        let hard = Deadline.after(seconds: 2)
        while registry.count > 0 && !hard.hasPassed { try? await Task.sleep(for: .milliseconds(20)) }
    }

    private func acceptLoop(_ listener: Listener) async {
        while true {
            let client: FileDescriptor
            do {
                client = try await Socket.accept(listener.descriptor)
            } catch let error as Errno where error.code == EMFILE || error.code == ENFILE {
                // Out of descriptors: back off instead of spinning; existing connections keep working.
                try? await Task.sleep(for: .milliseconds(100))
                continue
            } catch {
                return  // listener closed (shutdown)
            }
            guard let id = registry.open() else {
                client.close()
                return
            }
            if listener.transport != .unix { Socket.setNoDelay(client) }
            let info = ConnectionInfo(transport: listener.transport, listener: listener.address, id: id)
            // Each connection lives on one loop (its fd's waits must all go to that loop's epoll).
            let task = Task(executorPreference: EventLoop.next()) { await self.serve(client, listener, info) }
            registry.attach(id, task)
        }
    }

    private func serve(_ client: FileDescriptor, _ listener: Listener, _ info: ConnectionInfo) async {
        defer { registry.close(info.id) }
        let stream: any ByteStream
        if let context = listener.tls {
            guard let session = try? TLSStream(client, context: context, isServer: true) else {
                client.close()
                return
            }
            do {
                try await session.handshake(until: .after(seconds: options.headerTimeout))
            } catch {
                session.close()
                return
            }
            stream = session
        } else {
            stream = SocketStream(client)
        }
        await HTTP1Connection(stream: stream, info: info, options: options, handler: handler, registry: registry).run()
    }
}
