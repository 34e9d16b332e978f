// SPDX-License-Identifier: Apache-2.0
// The Engine API as one HTTP handler: version prefix and range check, OPTIONS, token check, routing,
// error mapping, and the headers every dockerd response carries (Api-Version, Docker-Experimental,
// Ostype, Server).

import Engine
import HTTP
import HTTPCore
import Models

/// Handles one routed Engine API request.
public typealias APIHandler = @Sendable (APIRequest) async throws -> HTTPResponse

/// The Engine API served over `HTTPServer`.
public struct DockerAPI: Sendable {
    /// Every route berthd serves.
    public let router: Router<APIHandler>
    private let authenticator: Authenticator
    /// Constant answers keyed by method and unversioned path, common headers included (`immediate`).
    private let constantAnswers: [String: HTTPResponse]
    /// The headers every dockerd response carries; the server also puts them on its own error answers.
    public let commonHeaders: HTTPHeaders

    /// The API over `engine`; with `requireTokens`, TCP requests need a bearer token.
    public init(engine: Engine, requireTokens: Bool) {
        router = Router(routes: Self.routes(engine: engine))
        authenticator = Authenticator(tokens: requireTokens ? engine.tokens : nil)
        commonHeaders = [
            "Api-Version": APIVersion.current.text, "Docker-Experimental": "false", "Ostype": "linux",
            "Server": "Berth/\(Engine.version) (linux)",
        ]
        let system = SystemRoutes(engine: engine)
        var answers: [String: HTTPResponse] = [:]
        for (key, constant) in [("GET /_ping", system.pingResponse), ("HEAD /_ping", system.pingResponse), ("GET /version", system.versionResponse)] {
            var response = constant
            for field in commonHeaders { response.headers.add(field.name, field.value) }
            answers[key] = response
        }
        constantAnswers = answers
    }

    /// The answer to a request whose answer never changes (`/_ping`, `/version`), given at once from
    /// the head on the connection's thread; nil for every other request, and for any request that
    /// needs a token check or carries an unusable version prefix: `handle` answers those. The answers
    /// are the same bytes `handle` gives (a test holds them equal).
    public func immediate(_ head: HTTPRequestHead, _ connection: ConnectionInfo) -> HTTPResponse? {
        guard authenticator.tokens == nil || connection.transport == .unix else { return nil }
        var path = head.path
        if let (text, rest) = APIVersion.splitPrefix(path) {
            guard let requested = APIVersion(text), requested <= APIVersion.current, requested >= APIVersion.minimum else { return nil }
            path = rest
        }
        return constantAnswers[head.method + " " + path]
    }

    /// The route tables of every area, in one list.
    public static func routes(engine: Engine) -> [Route<APIHandler>] {
        let areas: [[Route<APIHandler>]] = [
            SystemRoutes(engine: engine).routes, DistributionRoutes(engine: engine).routes, ImageRoutes(engine: engine).routes,
            ImageArchiveRoutes(engine: engine).routes, PushAndAuthRoutes(engine: engine).routes, TokenRoutes(tokens: engine.tokens).routes,
            ContainerRoutes(engine: engine).routes, AttachRoutes(engine: engine).routes, LogRoutes(engine: engine).routes,
            ObserveRoutes(engine: engine).routes, AttachWebSocketRoutes(engine: engine).routes,
        ]
        return areas.flatMap { $0 }
    }

    /// Answers `request`; never throws.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        var response = await route(request)
        for field in commonHeaders { response.headers.add(field.name, field.value) }
        return response
    }


    private func route(_ request: HTTPRequest) async -> HTTPResponse {
        var path = request.head.path
        var version = APIVersion.current
        if let (text, rest) = APIVersion.splitPrefix(path) {
            guard let requested = APIVersion(text) else { return ErrorMapping.response(for: APIError.pageNotFound) }
            if requested > APIVersion.current {
                return ErrorMapping.response(for: APIError.badRequest(
                    "client version \(text) is too new. Maximum supported API version is \(APIVersion.current)"))
            }
            if requested < APIVersion.minimum {
                return ErrorMapping.response(for: APIError.badRequest(
                    "client version \(text) is too old. Minimum supported API version is \(APIVersion.minimum), please upgrade your client to a newer version"))
            }
            version = requested
            path = rest
        }
        // moby answers OPTIONS on any path with an empty 200 (the CORS preflight route); a preflight
        // never carries credentials, and the answer reveals nothing.
        if request.method == "OPTIONS" { return HTTPResponse(status: .ok) }
        do {
            try await authenticator.authorize(request)
            guard case .found(let route, let parameters) = router.match(method: request.method, path: path) else {
                // moby sets its MethodNotAllowedHandler to the same not-found handler.
                throw APIError.pageNotFound
            }
            return try await route.handler(APIRequest(http: request, version: version, parameters: parameters))
        } catch {
            return ErrorMapping.response(for: error)
        }
    }
}
