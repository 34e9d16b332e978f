// SPDX-License-Identifier: Apache-2.0
// TLS over a non-blocking socket. Every SSL call is tried, and on WANT_READ/WANT_WRITE the task waits
// on the event loop and tries again (notes/swift-on-linux.md §4: clear the error queue before each
// call, drain SSL_read, never block in SSL_shutdown on a dead peer).

import COpenSSL
import CShims
import Glibc
import Synchronization

/// A TLS session over a connected socket.
public final class TLSStream: ByteStream, @unchecked Sendable {
    // @unchecked: the SSL object is only touched under `lock`; OpenSSL forbids concurrent calls on one SSL.
    /// The socket under the session.
    public let descriptor: FileDescriptor
    private let ssl: OpaquePointer
    private let context: TLSContext
    private let lock = Mutex(())
    private let isServer: Bool

    /// Wraps a connected socket; call `handshake(until:)` before reading or writing.
    public init(_ descriptor: FileDescriptor, context: TLSContext, isServer: Bool, serverName: String? = nil) throws {
        guard let ssl = SSL_new(context.context) else { throw TLSError.fromQueue("SSL_new") }
        self.ssl = ssl
        self.descriptor = descriptor
        self.context = context
        self.isServer = isServer
        SSL_set_fd(ssl, descriptor.rawValue)
        if isServer {
            SSL_set_accept_state(ssl)
        } else {
            SSL_set_connect_state(ssl)
            if let serverName {
                // The certificate must name the host we dialled: an IP address against its IP SANs, a
                // name against its DNS SANs (SNI is only sent for names, RFC 6066 §3).
                if Self.isIPAddress(serverName) {
                    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), serverName)
                } else {
                    _ = cshim_SSL_set_tlsext_host_name(ssl, serverName)
                    SSL_set1_host(ssl, serverName)
                }
            }
        }
    }

    deinit { SSL_free(ssl) }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// The reply Go's net/http server gives to plain HTTP on a TLS port, which dockerd inherits.
    static let plainHTTPReply = Array("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n".utf8)

    /// Runs the TLS handshake. A server that receives plain HTTP answers it with a 400 and throws.
    public func handshake(until deadline: Deadline?) async throws {
        if isServer { try await refusePlainHTTP(until: deadline) }
        while true {
            switch step({ SSL_do_handshake($0) }) {
            case .done: return
            case .wantRead: try await EventLoop.current.wait(descriptor.rawValue, for: .read, until: deadline)
            case .wantWrite: try await EventLoop.current.wait(descriptor.rawValue, for: .write, until: deadline)
            case .eof: throw TLSError("tls handshake: connection closed by peer")
            case .failed(let error): throw error
            }
        }
    }

    /// The protocol chosen through ALPN, if any (e.g. `h2`).
    public var negotiatedProtocol: String? {
        lock.withLock { _ in
            var data: UnsafePointer<UInt8>?
            var length: UInt32 = 0
            SSL_get0_alpn_selected(ssl, &data, &length)
            guard let data, length > 0 else { return nil }
            return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
        }
    }

    /// Decrypts up to `buffer.count` bytes; 0 at close_notify or end of stream.
    public func read(into buffer: UnsafeMutableRawBufferPointer, until deadline: Deadline?) async throws -> Int {
        while true {
            switch step({ SSL_read($0, buffer.baseAddress, Int32(clamping: buffer.count)) }) {
            case .done(let count): return count
            case .eof: return 0
            case .wantRead: try await EventLoop.current.wait(descriptor.rawValue, for: .read, until: deadline)
            case .wantWrite: try await EventLoop.current.wait(descriptor.rawValue, for: .write, until: deadline)
            case .failed(let error): throw error
            }
        }
    }

    /// Returns at once when OpenSSL holds decrypted bytes (epoll would not report them), else waits for the socket.
    public func waitForInput(until deadline: Deadline?) async throws {
        if lock.withLock({ _ in SSL_pending(ssl) > 0 }) { return }
        try await EventLoop.current.wait(descriptor.rawValue, for: .read, until: deadline)
    }

    /// One SSL_read attempt: nil when OpenSSL needs more from the socket.
    public func readAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? {
        switch step({ SSL_read($0, buffer.baseAddress, Int32(clamping: buffer.count)) }) {
        case .done(let count): return count
        case .eof: return 0
        case .wantRead, .wantWrite: return nil
        case .failed(let error): throw error
        }
    }

    /// Encrypts and sends all of `bytes`.
    public func write(_ bytes: [UInt8], until deadline: Deadline?) async throws {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                step({ SSL_write($0, raw.baseAddress.map { $0 + offset }, Int32(clamping: raw.count - offset)) })
            }
            switch result {
            case .done(let count): offset += count
            case .wantRead: try await EventLoop.current.wait(descriptor.rawValue, for: .read, until: deadline)
            case .wantWrite: try await EventLoop.current.wait(descriptor.rawValue, for: .write, until: deadline)
            case .eof: throw Errno(EPIPE, "tls write")
            case .failed(let error): throw error
            }
        }
    }

    /// Sends close_notify (once, without waiting for the peer's), then half-closes the socket.
    public func shutdownWrite() {
        lock.withLock { _ in
            ERR_clear_error()
            _ = SSL_shutdown(ssl)
            ERR_clear_error()
        }
        _ = Glibc.shutdown(descriptor.rawValue, Int32(SHUT_WR))
    }

    /// Closes the socket; no blocking SSL_shutdown on a peer that may be gone.
    public func close() { descriptor.close() }

    // MARK: - One SSL call

    private enum Step {
        case done(Int)
        case wantRead, wantWrite, eof
        case failed(TLSError)
    }

    private func step(_ call: (OpaquePointer) -> Int32) -> Step {
        lock.withLock { _ in
            ERR_clear_error()
            let result = call(ssl)
            if result > 0 { return .done(Int(result)) }
            let code = SSL_get_error(ssl, result)
            switch code {
            case SSL_ERROR_WANT_READ: return .wantRead
            case SSL_ERROR_WANT_WRITE: return .wantWrite
            case SSL_ERROR_ZERO_RETURN: return .eof
            case SSL_ERROR_SYSCALL:
                let saved = errno
                if ERR_peek_error() == 0 && (saved == 0 || saved == ECONNRESET || saved == EPIPE) { return .eof }
                return .failed(TLSError.fromQueue("tls: \(String(cString: strerror(saved)))"))
            default:
                // Unexpected EOF without close_notify is reported as SSL_ERROR_SSL in OpenSSL 3.
                return .failed(TLSError.fromQueue("tls"))
            }
        }
    }

    private func refusePlainHTTP(until deadline: Deadline?) async throws {
        var first: UInt8 = 0
        while true {
            let count = recv(descriptor.rawValue, &first, 1, Int32(MSG_PEEK))
            if count == 1 { break }
            if count == 0 { throw TLSError("tls handshake: connection closed by peer") }
            guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else { throw Errno.current("recv") }
            try await EventLoop.current.wait(descriptor.rawValue, for: .read, until: deadline)
        }
        // A TLS record starts with content type 22 (handshake); an HTTP request with a method's letter.
        if first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") {
            try? await descriptor.writeAll(Self.plainHTTPReply, until: deadline)
            throw TLSError("client sent an HTTP request to an HTTPS server")
        }
    }
}
