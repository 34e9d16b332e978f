// SPDX-License-Identifier: Apache-2.0
// The response that turns an attach or exec start into a raw duplex stream: `101 UPGRADED` with
// `Upgrade: tcp` when the client asked to upgrade (the docker CLI and docker-py do), else `200 OK`
// with the stream content type and the connection taken over all the same, as dockerd answers.

import HTTPCore
import Platform

/// Builds hijacked responses.
enum Hijack {
    /// Multiplexed-stream content type is announced from API 1.42 on.
    static let multiplexedSince = APIVersion.typedDataUsage

    /// A response that hands the connection to `session`.
    static func response(
        _ request: APIRequest, tty: Bool, session: @escaping @Sendable (UpgradedConnection) async -> Void
    ) -> HTTPResponse {
        var headers = HTTPHeaders()
        let multiplexed = !tty && request.version >= multiplexedSince
        headers["Content-Type"] = multiplexed ? "application/vnd.docker.multiplexed-stream" : "application/vnd.docker.raw-stream"
        let upgrading = request.http.headers["Upgrade"] != nil
        if upgrading {
            headers["Connection"] = "Upgrade"
            headers["Upgrade"] = "tcp"
        }
        return HTTPResponse(status: upgrading ? HTTPStatus(101, "UPGRADED") : .ok, headers: headers, body: .upgrade(session))
    }
}
