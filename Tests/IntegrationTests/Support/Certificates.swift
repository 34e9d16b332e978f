// SPDX-License-Identifier: Apache-2.0
// A throwaway PKI made with the openssl command line: CA, server cert, and good and bad client certs.

import Foundation

/// Certificate and key files for the mutual-TLS tests, all in one directory.
struct Certificates {
    let directory: String

    var ca: String { "\(directory)/ca.pem" }
    var server: String { "\(directory)/server.pem" }
    var serverKey: String { "\(directory)/server-key.pem" }
    /// Signed by `ca`, extendedKeyUsage clientAuth.
    var client: String { "\(directory)/client.pem" }
    var clientKey: String { "\(directory)/client-key.pem" }
    /// Signed by an unrelated CA.
    var foreign: String { "\(directory)/foreign.pem" }
    var foreignKey: String { "\(directory)/foreign-key.pem" }
    /// Signed by `ca`, valid only during 2020-01-01.
    var expired: String { "\(directory)/expired.pem" }
    var expiredKey: String { "\(directory)/expired-key.pem" }
    /// Signed by `ca`, extendedKeyUsage serverAuth only.
    var serverAuthOnly: String { "\(directory)/serveronly.pem" }
    var serverAuthOnlyKey: String { "\(directory)/serveronly-key.pem" }

    /// Creates every file in `directory` (about a dozen openssl runs).
    static func make(in directory: String) async throws -> Certificates {
        let certs = Certificates(directory: directory)
        try FileManager.default.createDirectory(atPath: "\(directory)/newcerts", withIntermediateDirectories: true)
        try writeFile("\(directory)/index.txt", "")
        try writeFile("\(directory)/serial", "1000\n")
        try writeFile("\(directory)/openssl.cnf", config(directory))
        try await certs.selfSigned(name: "ca", subject: "berth-test-ca")
        try await certs.selfSigned(name: "foreign-ca", subject: "some-other-ca")
        try await certs.issue(name: "server", subject: "localhost", extensions: "server_ext", by: "ca", serial: 2)
        try await certs.issue(name: "client", subject: "client", extensions: "client_ext", by: "ca", serial: 3)
        try await certs.issue(name: "serveronly", subject: "not-a-client", extensions: "serveronly_ext", by: "ca", serial: 4)
        try await certs.issue(name: "foreign", subject: "client", extensions: "client_ext", by: "foreign-ca", serial: 5)
        // `openssl x509 -req` in OpenSSL 3.0 cannot set a start date; `openssl ca` can.
        try await certs.request(name: "expired", subject: "expired-client")
        try await certs.openssl([
            "ca", "-batch", "-config", "\(directory)/openssl.cnf", "-cert", certs.ca, "-keyfile", "\(directory)/ca-key.pem",
            "-in", "\(directory)/expired.csr", "-out", certs.expired, "-startdate", "20200101000000Z", "-enddate", "20200102000000Z",
            "-extensions", "client_ext", "-notext",
        ])
        return certs
    }

    private func selfSigned(name: String, subject: String) async throws {
        try await openssl(
            [
                "req", "-config", "\(directory)/openssl.cnf", "-x509", "-days", "2", "-subj", "/CN=\(subject)", "-extensions", "ca_ext",
                "-out", "\(directory)/\(name).pem",
            ] + Self.newKey("\(directory)/\(name)-key.pem"))
    }

    private func request(name: String, subject: String) async throws {
        try await openssl(
            ["req", "-config", "\(directory)/openssl.cnf", "-new", "-subj", "/CN=\(subject)", "-out", "\(directory)/\(name).csr"]
                + Self.newKey("\(directory)/\(name)-key.pem"))
    }

    private func issue(name: String, subject: String, extensions: String, by issuer: String, serial: Int) async throws {
        try await request(name: name, subject: subject)
        try await openssl([
            "x509", "-req", "-in", "\(directory)/\(name).csr", "-CA", "\(directory)/\(issuer).pem", "-CAkey",
            "\(directory)/\(issuer)-key.pem",
            "-set_serial", "\(serial)", "-days", "2", "-extfile", "\(directory)/openssl.cnf", "-extensions", extensions,
            "-out", "\(directory)/\(name).pem",
        ])
    }

    private static func newKey(_ path: String) -> [String] {
        ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", path]
    }

    private func openssl(_ arguments: [String]) async throws {
        let result = try await Command.run(tool: "openssl", arguments)
        guard result.succeeded else { throw TestFailure("openssl failed:\n\(result)") }
    }

    private static func config(_ directory: String) -> String {
        """
        [req]
        distinguished_name = dn
        [dn]
        [ca_ext]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        [server_ext]
        basicConstraints = CA:FALSE
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = IP:127.0.0.1,DNS:localhost
        [client_ext]
        basicConstraints = CA:FALSE
        keyUsage = critical,digitalSignature
        extendedKeyUsage = clientAuth
        [serveronly_ext]
        basicConstraints = CA:FALSE
        keyUsage = critical,digitalSignature
        extendedKeyUsage = serverAuth
        [ca]
        default_ca = testca
        [testca]
        database = \(directory)/index.txt
        new_certs_dir = \(directory)/newcerts
        serial = \(directory)/serial
        default_md = sha256
        policy = anything
        [anything]
        commonName = supplied

        """
    }
}
