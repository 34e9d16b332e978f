// SPDX-License-Identifier: Apache-2.0
// Berth's own token routes, used by `berth token create|list|revoke`.

import Engine
import HTTP
import HTTPCore
import Models

/// `/berth/tokens` routes.
struct TokenRoutes {
    let tokens: TokenService

    var routes: [Route<APIHandler>] {
        [
            Route("POST", "/berth/tokens", "BerthTokenCreate", tokenCreate),
            Route("GET", "/berth/tokens", "BerthTokenList", tokenList),
            Route("DELETE", "/berth/tokens/{id}", "BerthTokenRevoke", tokenRevoke),
        ]
    }

    func tokenCreate(_ request: APIRequest) async throws -> HTTPResponse {
        let body = try await request.decodeJSON(TokenCreateRequest.self)
        return Responses.json(try await tokens.create(body), status: .created)
    }

    func tokenList(_ request: APIRequest) async throws -> HTTPResponse {
        Responses.json(await tokens.list())
    }

    func tokenRevoke(_ request: APIRequest) async throws -> HTTPResponse {
        Responses.json(try await tokens.revoke(request.parameter("id")))
    }
}
