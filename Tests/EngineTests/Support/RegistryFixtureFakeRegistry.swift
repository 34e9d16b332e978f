// SPDX-License-Identifier: Apache-2.0
// Request handlers that make a FakeHTTPServer act as a registry: manifests and blobs from a table,
// optionally behind a bearer token service on the same server.

import Engine
import HTTPCore

/// What a fake registry serves for one repository.
struct FakeRegistryContent: Sendable {
    /// Manifests by tag and by digest: media type and bytes.
    var manifests: [String: (mediaType: String, bytes: [UInt8])] = [:]
    /// Blobs by digest.
    var blobs: [String: [UInt8]] = [:]
    /// Extra headers on manifest responses (e.g. a wrong Docker-Content-Digest).
    var manifestHeaders: [(String, String)] = []

    /// Adds an image's manifest (under `tag` and its digest) and blobs.
    mutating func add(_ image: TestImage, tag: String? = nil) {
        manifests[image.manifestDigest] = (image.mediaType, image.manifest)
        if let tag { manifests[tag] = (image.mediaType, image.manifest) }
        blobs[image.layerDigest] = image.layer
        blobs[image.configDigest] = image.config
    }
}

/// The distribution-spec error body.
func registryError(_ code: String, _ message: String, status: Int, headers: [(String, String)] = []) -> FakeResponse {
    .json(#"{"errors":[{"code":"\#(code)","message":"\#(message)","detail":null}]}"#, status: status, headers: headers)
}

/// Serves `content` for `repository`; with `token` set, requires `Authorization: Bearer <token>` and
/// hands it out at `/token` (counting requests in `tokenRequests`).
func fakeRegistry(
    repository: String, content: FakeRegistryContent, token: String? = nil, tokenRequests: FakeRequestLog? = nil
) -> @Sendable (FakeRequest) async -> FakeResponse {
    { request in
        let realm = "http://\(request.headers["Host"] ?? "")/token"
        let challenge = [("WWW-Authenticate", #"Bearer realm="\#(realm)",service="fake-registry""#)]
        if request.path == "/token" {
            tokenRequests?.append(request)
            let refresh = QueryItems(parsing: String(decoding: request.body, as: UTF8.self))["refresh_token"]
            if request.method == "POST" { return .json(#"{"access_token":"\#(token ?? "")-\#(refresh ?? "")","expires_in":300}"#) }
            return .json(#"{"token":"\#(token ?? "")","expires_in":300}"#)
        }
        if let token, request.headers["Authorization"] != "Bearer \(token)",
            request.headers["Authorization"]?.hasPrefix("Bearer \(token)-") != true
        {
            return registryError("UNAUTHORIZED", "authentication required", status: 401, headers: challenge)
        }
        if request.path == "/v2/" { return .json("{}") }
        let prefix = "/v2/\(repository)/"
        guard request.path.hasPrefix(prefix) else {
            return registryError("NAME_UNKNOWN", "repository name not known to registry", status: 404)
        }
        let rest = request.path.dropFirst(prefix.count)
        if rest.hasPrefix("manifests/") {
            guard let manifest = content.manifests[String(rest.dropFirst("manifests/".count))] else {
                return registryError("MANIFEST_UNKNOWN", "manifest unknown", status: 404)
            }
            let headers = [("Content-Type", manifest.mediaType), ("Docker-Content-Digest", digestOf(manifest.bytes))]
            return FakeResponse(
                status: 200, headers: content.manifestHeaders.isEmpty ? headers : content.manifestHeaders, body: manifest.bytes)
        }
        if rest.hasPrefix("blobs/"), let blob = content.blobs[String(rest.dropFirst("blobs/".count))] {
            return FakeResponse(status: 200, headers: [("Content-Type", "application/octet-stream")], body: blob)
        }
        return registryError("BLOB_UNKNOWN", "blob unknown to registry", status: 404)
    }
}
