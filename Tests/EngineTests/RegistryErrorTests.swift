// SPDX-License-Identifier: Apache-2.0
// Registry error responses mapped to EngineError with dockerd's messages (moby distribution/errors.go).

import HTTPCore
import Testing

@testable import Engine

@Suite struct RegistryErrorTests {
    let hub = RegistryRepository(domain: "docker.io", path: "library/busybox")

    func map(_ status: Int, body: String = "", headers: HTTPHeaders = HTTPHeaders(), _ operation: RegistryOperation) -> EngineError {
        let entries = RegistryErrorEntry.parse(status: status, headers: headers, body: Array(body.utf8))
        return RegistryErrorEntry.engineError(status: HTTPStatus(code: status), entries: entries, repository: hub, operation: operation)
    }

    @Test func unknownManifestsAreNotFoundWithDockerdsWording() {
        let body = #"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"nosuch"}}]}"#
        let expected = EngineError.notFound("manifest for busybox:nosuch not found: manifest unknown: manifest unknown")
        #expect(map(404, body: body, .pullManifest(reference: "nosuch")) == expected)
        #expect(map(404, .pullManifest(reference: "nosuch")) == expected)
    }

    @Test func deniedPullsSayPullAccessDenied() {
        var headers = HTTPHeaders()
        headers.add(
            "WWW-Authenticate", #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",error="insufficient_scope""#)
        let body = #"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"#
        let expected = EngineError.notFound(
            "pull access denied for busybox, repository does not exist or may require 'docker login': "
                + "denied: requested access to the resource is denied")
        #expect(map(401, body: body, headers: headers, .pullManifest(reference: "latest")) == expected)
        #expect(map(403, body: #"{"errors":[{"code":"DENIED","message":""}]}"#, .pull) == expected)
        #expect(map(403, body: #"{"errors":[{"code":"DENIED","message":"no"}]}"#, .push) == .forbidden("denied: no"))
        #expect(map(403, .push) == .forbidden("denied: requested access to the resource is denied"))
    }

    @Test func unauthorizedKeepsTheRegistrysMessage() {
        let body = #"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}"#
        #expect(map(401, body: body, .pull) == .unauthorized("unauthorized: authentication required"))
        #expect(map(401, .push) == .unauthorized("unauthorized: authentication required"))
        #expect(
            map(401, body: #"{"details":"incorrect username or password"}"#, .other)
                == .unauthorized("unauthorized: incorrect username or password"))
        var headers = HTTPHeaders()
        headers.add("WWW-Authenticate", #"Bearer realm="r",error="invalid_token",error_description="token expired""#)
        #expect(map(401, headers: headers, .pull) == .unauthorized("unauthorized: token expired"))
    }

    @Test func otherCodesAndStatuses() {
        #expect(
            map(404, body: #"{"errors":[{"code":"NAME_UNKNOWN","message":""}]}"#, .pull)
                == .notFound("repository busybox not found: name unknown: repository name not known to registry"))
        #expect(
            map(404, body: #"{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]}"#, .pull)
                == .notFound("blob unknown: blob unknown to registry"))
        #expect(
            map(400, body: #"{"errors":[{"code":"DIGEST_INVALID","message":""}]}"#, .push)
                == .system("digest invalid: provided digest did not match uploaded content"))
        #expect(
            map(429, body: #"{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}"#, .pull)
                == .unavailable("toomanyrequests: slow down"))
        #expect(map(500, body: "<html>", .pull) == .system("received unexpected HTTP status: 500 Internal Server Error"))
        #expect(map(404, .push) == .notFound("received unexpected HTTP status: 404 Not Found"))
    }
}
