// SPDX-License-Identifier: Apache-2.0
// Which URLs a registry domain maps to: loopback and listed registries over HTTP, mirrors for Docker
// Hub pulls, CIDR ranges; URL parsing and Location/Link resolution.

import Testing

@testable import Engine

@Suite struct RegistryEndpointTests {
    @Test func loopbackIsInsecureAndOthersAreNot() {
        let options = RegistryOptions()
        for domain in [
            "localhost", "localhost:5000", "LOCALHOST:5000", "127.0.0.1", "127.0.0.1:5000", "127.9.8.7:1", "[::1]:5000", "[::1]",
        ] {
            #expect(options.isInsecure(domain), "\(domain)")
        }
        for domain in ["docker.io", "quay.io", "10.1.2.3:5000", "[::2]:5000", "localhost.example.com", "128.0.0.1"] {
            #expect(!options.isInsecure(domain), "\(domain)")
        }
    }

    @Test func listedNamesAndRangesAreInsecure() {
        let options = RegistryOptions(insecureRegistries: ["myreg:5000", "10.0.0.0/8", "http://other.example:80/", "fd00::/8"])
        #expect(options.isInsecure("myreg:5000"))
        #expect(!options.isInsecure("myreg:5001"))
        #expect(!options.isInsecure("myreg"))
        #expect(options.isInsecure("10.200.0.1:5000"))
        #expect(!options.isInsecure("11.0.0.1:5000"))
        #expect(options.isInsecure("other.example:80"))
        #expect(options.isInsecure("[fd12::1]:5000"))
    }

    @Test func dockerHubPullsTryMirrorsFirstAndPushesNever() {
        let options = RegistryOptions(
            insecureRegistries: ["10.0.0.0/8"], mirrors: ["https://mirror.example", "http://10.0.0.5:5000/", "not a url"])
        let pull = options.endpoints(for: "docker.io", push: false)
        #expect(pull.map(\.description) == ["https://mirror.example", "http://10.0.0.5:5000", "https://registry-1.docker.io"])
        #expect(pull.map(\.isMirror) == [true, true, false])
        #expect(pull.map(\.verifiesCertificate) == [true, false, true])
        #expect(options.endpoints(for: "docker.io", push: true).map(\.description) == ["https://registry-1.docker.io"])
        #expect(options.endpoints(for: "index.docker.io", push: true).map(\.description) == ["https://registry-1.docker.io"])
    }

    @Test func insecureRegistriesFallBackToPlainHTTP() {
        let options = RegistryOptions(insecureRegistries: ["myreg"])
        let local = options.endpoints(for: "localhost:5000", push: true)
        #expect(local.map(\.description) == ["https://localhost:5000", "http://localhost:5000"])
        #expect(local.map(\.verifiesCertificate) == [false, false])
        #expect(local.map(\.isPlainHTTP) == [false, true])
        #expect(options.endpoints(for: "myreg", push: false).map(\.description) == ["https://myreg", "http://myreg"])
        #expect(options.endpoints(for: "[::1]:5000", push: false).map(\.description) == ["https://[::1]:5000", "http://[::1]:5000"])
        let secure = options.endpoints(for: "quay.io", push: false)
        #expect(secure.map(\.description) == ["https://quay.io"])
        #expect(secure.first?.verifiesCertificate == true)
        #expect(options.endpoints(for: "bad host:x", push: false).isEmpty)
    }

    @Test func ipRangesMatchByPrefix() throws {
        let v4 = try #require(IPRange(cidr: "192.168.0.0/16"))
        #expect(v4.contains("192.168.255.1"))
        #expect(!v4.contains("192.169.0.1"))
        #expect(!v4.contains("[::1]"))
        let odd = try #require(IPRange(cidr: "10.0.0.0/9"))
        #expect(odd.contains("10.127.0.1"))
        #expect(!odd.contains("10.128.0.1"))
        #expect(IPRange(cidr: "10.0.0.0/33") == nil)
        #expect(IPRange(cidr: "example/8") == nil)
        #expect(IPRange.isLoopback("::1"))
    }

    @Test func urlsParseAndLocationsResolve() throws {
        let base = try #require(RegistryURL(parsing: "http://127.0.0.1:5000/v2/app/blobs/uploads/?x=1"))
        #expect(base.origin == RegistryOrigin(isTLS: false, host: "127.0.0.1", port: 5000))
        #expect(base.target == "/v2/app/blobs/uploads/?x=1")
        #expect(
            base.resolving("/v2/app/blobs/uploads/u1?_state=s")?.description == "http://127.0.0.1:5000/v2/app/blobs/uploads/u1?_state=s")
        #expect(base.resolving("https://storage.example/b?sig=1")?.description == "https://storage.example/b?sig=1")
        #expect(base.resolving("//cdn.example:8443/b")?.description == "http://cdn.example:8443/b")
        #expect(base.resolving("u2")?.description == "http://127.0.0.1:5000/v2/app/blobs/uploads/u2")
        #expect(base.resolving("?n=2")?.description == "http://127.0.0.1:5000/v2/app/blobs/uploads/?n=2")
        #expect(base.appendingQuery([("digest", "sha256:ab")]).target == "/v2/app/blobs/uploads/?x=1&digest=sha256%3Aab")
        #expect(RegistryURL(parsing: "https://registry-1.docker.io")?.description == "https://registry-1.docker.io/")
        #expect(RegistryURL(parsing: "https://h:443/x")?.origin.authority == "h")
        #expect(RegistryURL(parsing: "https://[::1]:8443/x")?.origin.host == "[::1]")
        #expect(RegistryURL(parsing: "ftp://h/x") == nil)
        #expect(RegistryURL(parsing: "http://user@h/x") == nil)
    }

    @Test func linkHeadersGiveTheNextPage() throws {
        let base = try #require(RegistryURL(parsing: "https://r.example/v2/app/tags/list"))
        let next = RegistryClient.nextLink(#"</v2/app/tags/list?last=b&n=2>; rel="next""#, base: base)
        #expect(next?.description == "https://r.example/v2/app/tags/list?last=b&n=2")
        #expect(RegistryClient.nextLink(#"<https://r.example/x>; rel="prev""#, base: base) == nil)
    }
}
