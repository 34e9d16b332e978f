// SPDX-License-Identifier: Apache-2.0
// WWW-Authenticate parsing, token scopes, token responses and Basic credentials, without a network.

import HTTPCore
import Testing

@testable import Engine

@Suite struct RegistryAuthTests {
    @Test func parsesABearerChallengeWithAQuotedScopeHoldingCommas() {
        let value =
            #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull,push""#
        let challenges = AuthChallenge.parse(value)
        #expect(challenges.count == 1)
        #expect(challenges.first?.scheme == "bearer")
        #expect(challenges.first?.parameters["realm"] == "https://auth.docker.io/token")
        #expect(challenges.first?.parameters["service"] == "registry.docker.io")
        #expect(challenges.first?.parameters["scope"] == "repository:library/busybox:pull,push")
    }

    @Test func parsesBasicAndSeveralChallengesInOneHeader() {
        let challenges = AuthChallenge.parse(#"Basic realm="Registry Realm", Bearer realm="http://x/token",service=svc"#)
        #expect(challenges.map(\.scheme) == ["basic", "bearer"])
        #expect(challenges[0].parameters == ["realm": "Registry Realm"])
        #expect(challenges[1].parameters == ["realm": "http://x/token", "service": "svc"])
    }

    @Test func undoesEscapesAndLowercasesNamesButNotValues() {
        let challenges = AuthChallenge.parse(#"BEARER Realm="a \"quoted\" Realm" , Error="insufficient_scope""#)
        #expect(
            challenges == [AuthChallenge(scheme: "bearer", parameters: ["realm": #"a "quoted" Realm"#, "error": "insufficient_scope"])])
    }

    @Test func readsEveryHeaderFieldAndSurvivesGarbage() {
        var headers = HTTPHeaders()
        headers.add("WWW-Authenticate", #"Basic realm="one""#)
        headers.add("www-authenticate", #"Bearer realm="two""#)
        #expect(AuthChallenge.parse(headers: headers).map(\.scheme) == ["basic", "bearer"])
        #expect(AuthChallenge.parse("").isEmpty)
        #expect(AuthChallenge.parse(#"="x", ,"#).isEmpty)
        #expect(AuthChallenge.parse("Negotiate abc==").first?.scheme == "negotiate")
        #expect(AuthChallenge.parse(#"Bearer realm="unterminated"#).first?.parameters["realm"] == "unterminated")
    }

    @Test func scopesNameTheRepositoryAndActions() {
        let repository = RegistryRepository(domain: "docker.io", path: "library/busybox")
        #expect(RegistryScope.pull(repository) == "repository:library/busybox:pull")
        #expect(RegistryScope.push(repository) == "repository:library/busybox:pull,push")
    }

    @Test func tokenResponsesAcceptBothFieldNamesAndAMinimumLifetime() throws {
        let docker = try JSONDecoderForTests.decode(TokenResponse.self, #"{"token":"abc","expires_in":300}"#)
        #expect(docker.bearer == "abc")
        #expect(docker.lifetime == 300)
        let oauth = try JSONDecoderForTests.decode(TokenResponse.self, #"{"access_token":"def","expires_in":5,"refresh_token":"r"}"#)
        #expect(oauth.bearer == "def")
        #expect(oauth.lifetime == 60)
        #expect(CachedToken(oauth, value: "def").isFresh)
        #expect(CachedToken(oauth, value: "def").refreshToken == "r")
        let none = try JSONDecoderForTests.decode(TokenResponse.self, #"{"token":""}"#)
        #expect(none.bearer == nil)
    }

    @Test func basicCredentialsAreBase64OfUserColonPassword() {
        #expect(RegistryClient.basic(RegistryCredentials(username: "user", password: "pass")) == "Basic dXNlcjpwYXNz")
        #expect(
            RegistryCredentials(username: "a", password: "b").fingerprint != RegistryCredentials(username: "a", password: "c").fingerprint)
        #expect(RegistryCredentials().fingerprint == "anonymous")
    }

    @Test func tokenKeysIgnoreScopeOrderButNotTheUser() {
        let a = TokenKey(realm: "r", service: "s", scopes: ["b", "a"], credentials: nil)
        let b = TokenKey(realm: "r", service: "s", scopes: ["a", "b"], credentials: RegistryCredentials())
        let c = TokenKey(realm: "r", service: "s", scopes: ["a", "b"], credentials: RegistryCredentials(username: "u", password: "p"))
        #expect(a == b)
        #expect(a != c)
    }
}
