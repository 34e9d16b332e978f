// SPDX-License-Identifier: Apache-2.0
// A server-side SSL_CTX configured as dockerd configures Go's tls.Config: TLS 1.2 minimum, the
// certificate and key given, and with `verifyClients` a required client certificate that chains to
// the given CA and may be used for client authentication (`--tlsverify`).

import COpenSSL
import CShims

/// An OpenSSL `SSL_CTX` for serving or dialing TLS.
public final class TLSContext: @unchecked Sendable {
    // @unchecked: SSL_CTX is safe to share across threads once configured (OpenSSL threads(7)).
    let context: OpaquePointer

    /// Files and policy for a server context.
    public struct ServerOptions: Sendable {
        /// PEM certificate chain (`--tlscert`).
        public var certificateFile: String
        /// PEM private key (`--tlskey`).
        public var keyFile: String
        /// PEM CA bundle that client certificates must chain to (`--tlscacert`).
        public var caFile: String?
        /// Require and verify a client certificate (`--tlsverify`).
        public var verifyClients: Bool
        /// ALPN protocols offered, most preferred first.
        public var alpn: [String]

        /// Creates server options.
        public init(certificateFile: String, keyFile: String, caFile: String? = nil, verifyClients: Bool = false, alpn: [String] = ["http/1.1"]) {
            self.certificateFile = certificateFile
            self.keyFile = keyFile
            self.caFile = caFile
            self.verifyClients = verifyClients
            self.alpn = alpn
        }
    }

    /// Builds a server context; throws with OpenSSL's reason when a file is missing or does not match.
    public init(server options: ServerOptions) throws {
        guard let context = SSL_CTX_new(TLS_server_method()) else { throw TLSError.fromQueue("SSL_CTX_new") }
        self.context = context
        try configureCommon()
        guard SSL_CTX_use_certificate_chain_file(context, options.certificateFile) == 1 else {
            throw TLSError.fromQueue("could not load X509 key pair (cert: \(options.certificateFile))")
        }
        guard SSL_CTX_use_PrivateKey_file(context, options.keyFile, SSL_FILETYPE_PEM) == 1 else {
            throw TLSError.fromQueue("could not load X509 key pair (key: \(options.keyFile))")
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw TLSError.fromQueue("private key does not match public key")
        }
        if let caFile = options.caFile {
            guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                throw TLSError.fromQueue("could not read CA certificate \"\(caFile)\"")
            }
        }
        if options.verifyClients {
            guard options.caFile != nil else { throw TLSError("--tlsverify needs a CA certificate (--tlscacert)") }
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
            // Client certificates must be fit for client authentication (extendedKeyUsage clientAuth),
            // as Go's RequireAndVerifyClientCert demands.
            SSL_CTX_set_purpose(context, X509_PURPOSE_SSL_CLIENT)
        }
        SSL_CTX_set_session_id_context(context, "berthd", 6)
    }

    /// Files and policy for a client context.
    public struct ClientOptions: Sendable {
        /// CA bundle that the server must chain to; nil uses the system store.
        public var caFile: String?
        /// Client certificate and key for mutual TLS.
        public var certificateFile: String?
        /// Client private key.
        public var keyFile: String?
        /// Verify the server's certificate.
        public var verifyServer: Bool

        /// Creates client options.
        public init(caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil, verifyServer: Bool = true) {
            self.caFile = caFile
            self.certificateFile = certificateFile
            self.keyFile = keyFile
            self.verifyServer = verifyServer
        }
    }

    /// Builds a client context.
    public init(client options: ClientOptions) throws {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw TLSError.fromQueue("SSL_CTX_new") }
        self.context = context
        try configureCommon()
        if let cert = options.certificateFile, let key = options.keyFile {
            guard SSL_CTX_use_certificate_chain_file(context, cert) == 1,
                SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1
            else { throw TLSError.fromQueue("could not load client key pair") }
        }
        if let caFile = options.caFile {
            guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                throw TLSError.fromQueue("could not read CA certificate \"\(caFile)\"")
            }
        } else {
            SSL_CTX_set_default_verify_paths(context)
        }
        SSL_CTX_set_verify(context, options.verifyServer ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nil)
    }

    deinit { SSL_CTX_free(context) }

    private func configureCommon() throws {
        guard cshim_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1 else {
            throw TLSError.fromQueue("SSL_CTX_set_min_proto_version")
        }
        SSL_CTX_set_options(context, cshim_SSL_OP_NO_COMPRESSION() | cshim_SSL_OP_NO_RENEGOTIATION())
        // Partial writes and a moving buffer: a retried SSL_write may pass a different pointer.
        _ = cshim_SSL_CTX_set_mode(context, Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER))
    }
}
