// SPDX-License-Identifier: Apache-2.0
// Requests to berthd: JSON in, JSON out, daemon errors turned into `CLIError` with the daemon's message.

import FoundationEssentials
import Glibc
import HTTPClient
import HTTPCore
import Platform

/// A connection to the daemon named by the global options.
struct DaemonClient {
    /// The host as the user gave it, for messages.
    let hostText: String
    private let client: HTTPClient
    private static let bodyLimit = 64 * 1024 * 1024
    private static let timeout = 60.0

    /// Resolves the endpoint, TLS context and headers; sends the bearer token only over TCP.
    init(_ options: GlobalOptions) throws(CLIError) {
        signal(SIGPIPE, SIG_IGN)  // OpenSSL writes with write(2); a closed peer must be an error, not a signal.
        hostText = options.hostText
        do {
            let endpoint = try options.endpoint()
            var headers: HTTPHeaders = ["User-Agent": ClientInfo.userAgent]
            if endpoint.isNetwork, let token = options.bearerToken { headers["Authorization"] = "Bearer \(token)" }
            client = HTTPClient(endpoint: endpoint, tls: try options.tlsContext(for: endpoint), headers: headers)
        } catch {
            throw .failure("\(error)")
        }
    }

    /// Sends a request and collects the response; statuses of 400 and above throw `CLIError.daemon`.
    func call(_ method: String, _ path: String, body: [UInt8] = []) async throws(CLIError) -> (HTTPResponseHead, [UInt8]) {
        var request = HTTPClientRequest(method: method, target: path, body: body)
        if !body.isEmpty { request.headers["Content-Type"] = "application/json" }
        let head: HTTPResponseHead
        let bytes: [UInt8]
        do {
            let response = try await client.send(request, until: .after(seconds: Self.timeout))
            head = response.head
            bytes = try await response.body(upTo: Self.bodyLimit, until: .after(seconds: Self.timeout))
        } catch HTTPClientError.connectFailed(_, let reason, let code) {
            guard code != EACCES else {
                throw .failure("permission denied while trying to connect to the Berth daemon socket at \(hostText): \(reason)")
            }
            throw .cannotConnect(host: hostText)
        } catch {
            throw .failure("error during connect: \(method) \(path): \(error)")
        }
        guard head.status.code < 400 else { throw .daemon(Self.errorMessage(bytes, head.status)) }
        return (head, bytes)
    }

    /// Sends `body` as JSON (if any) and decodes the answer as `T`.
    func json<T: Decodable>(_ type: T.Type, _ method: String, _ path: String, body: (any Encodable)? = nil) async throws(CLIError) -> T {
        var payload: [UInt8] = []
        if let body {
            do { payload = Array(try JSONEncoder().encode(body)) } catch { throw .failure("cannot encode request: \(error)") }
        }
        let (_, bytes) = try await call(method, path, body: payload)
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw .failure("cannot read the daemon's answer to \(method) \(path): \(error)")
        }
    }

    /// The `message` of a JSON error body, else the body text, else the status line.
    private static func errorMessage(_ bytes: [UInt8], _ status: HTTPStatus) -> String {
        if let body = try? JSONDecoder().decode(ErrorBody.self, from: Data(bytes)) { return body.message }
        let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces().trimmingCharacters(in: "\n")
        return text.isEmpty ? "\(status.code) \(status.reason)" : text
    }

    private struct ErrorBody: Decodable {
        let message: String
    }
}

extension StringProtocol {
    /// The text without leading and trailing `character`s.
    func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
