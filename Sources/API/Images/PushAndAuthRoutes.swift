// SPDX-License-Identifier: Apache-2.0
// `docker push` (POST /images/{name}/push) and `docker login` (POST /auth).

import Engine
import HTTP
import HTTPCore
import Models

/// Push and login routes.
struct PushAndAuthRoutes {
    let engine: Engine

    var routes: [Route<APIHandler>] {
        [
            Route("POST", "/images/{name*}/push", "ImagePush", imagePush),
            Route("POST", "/auth", "SystemAuth", systemAuth),
        ]
    }

    func imagePush(_ request: APIRequest) async throws -> HTTPResponse {
        let name = request.parameter("name")
        let tag = request.query["tag"] ?? ""
        let base = try ImageReference(parsing: name)
        var references: [ImageReference]
        if !tag.isEmpty {
            references = [try base.withTag(tag)]
        } else if base.tag != nil {
            references = [base]
        } else {
            // No tag: every tag of the repository (`docker push --all-tags`).
            let images = try await engine.images.list()
            references = images.flatMap(\.record.tags).compactMap { try? ImageReference(parsing: $0) }.filter { $0.name == base.name }
            if references.isEmpty { throw EngineError.notFound("An image does not exist locally with the tag: \(base.familiarName)") }
        }
        for reference in references { _ = try await engine.images.find(reference.storeKey.string) }
        let credentials = try RegistryAuthHeader.credentials(request.http)
        let images = engine.images
        let registry = engine.registry
        let targets = references
        return Responses.progressStream { progress in
            for reference in targets { _ = try await images.push(reference, credentials: credentials, registry: registry, progress: progress) }
        }
    }

    /// Checks credentials against a registry: `{"Status":"Login Succeeded"}` as dockerd answers.
    func systemAuth(_ request: APIRequest) async throws -> HTTPResponse {
        let config = try await request.decodeJSON(AuthConfig.self)
        guard let credentials = RegistryAuthHeader.credentials(config) else {
            throw EngineError.invalidParameter("username and password are required")
        }
        let domain = Self.domain(of: config.serverAddress ?? "")
        let token = try await engine.registry.login(domain: domain, credentials: credentials)
        return Responses.json(AuthResponse(status: "Login Succeeded", identityToken: token ?? ""))
    }

    /// `https://index.docker.io/v1/` → `docker.io`; `http://localhost:5000` → `localhost:5000`.
    static func domain(of serverAddress: String) -> String {
        var text = Substring(serverAddress)
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text = text.dropFirst(scheme.count) }
        let host = String(text.split(separator: "/").first ?? "")
        if host.isEmpty || host == "index.docker.io" || host == "registry-1.docker.io" { return "docker.io" }
        return host
    }
}
