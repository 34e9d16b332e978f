// SPDX-License-Identifier: Apache-2.0
// `-H` / DOCKER_HOST parsing.

import HTTPClient
import Testing

@Suite struct EndpointTests {
    @Test func parsesSupportedForms() throws {
        #expect(try Endpoint(parsing: "unix:///var/run/docker.sock") == .unix(path: "/var/run/docker.sock"))
        #expect(try Endpoint(parsing: "unix://") == .unix(path: "/var/run/docker.sock"))
        #expect(try Endpoint(parsing: "tcp://127.0.0.1:23999") == .tcp(host: "127.0.0.1", port: 23999))
        #expect(try Endpoint(parsing: "tcp://example.com") == .tcp(host: "example.com", port: 2375))
        #expect(try Endpoint(parsing: "tcp://example.com", defaultTCPPort: 2376) == .tcp(host: "example.com", port: 2376))
        #expect(try Endpoint(parsing: "tcp://:2375") == .tcp(host: "127.0.0.1", port: 2375))
        #expect(try Endpoint(parsing: "tcp://[::1]:2375/") == .tcp(host: "[::1]", port: 2375))
        #expect(try Endpoint(parsing: "tcp://[::1]") == .tcp(host: "[::1]", port: 2375))
        #expect(try Endpoint(parsing: "https://registry-1.docker.io") == .tls(host: "registry-1.docker.io", port: 443))
        #expect(try Endpoint(parsing: "http://localhost:5000") == .tcp(host: "localhost", port: 5000))
        #expect(try Endpoint(parsing: " TCP://h:1 ") == .tcp(host: "h", port: 1))
    }

    @Test(arguments: [
        "/var/run/docker.sock", "ssh://user@host", "npipe:////./pipe/docker", "tcp://h:0", "tcp://h:70000", "tcp://h:x",
        "tcp://h:1/path", "tcp://::1:2375", "tcp://[::1:2375",
    ])
    func refusesUnsupported(_ text: String) {
        #expect(throws: HTTPClientError.self) { try Endpoint(parsing: text) }
    }

    @Test func hostHeaderAndDescription() throws {
        let tcp = try Endpoint(parsing: "tcp://[::1]:2376")
        #expect(tcp.hostHeader == "[::1]:2376")
        #expect(tcp.withTLS == .tls(host: "[::1]", port: 2376))
        #expect(tcp.withTLS.description == "https://[::1]:2376")
        #expect(Endpoint.unix(path: "/x.sock").hostHeader == "localhost")
        #expect(Endpoint.unix(path: "/x.sock").withTLS == .unix(path: "/x.sock"))
        #expect(Endpoint.unix(path: "/x.sock").description == "unix:///x.sock")
    }
}
