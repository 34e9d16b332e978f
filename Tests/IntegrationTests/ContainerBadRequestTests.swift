// SPDX-License-Identifier: Apache-2.0
// Bad requests to the container routes over the real socket: each gets a 4xx with a clear `{"message":…}`,
// never a 5xx (dockerd 20.10 answers several of these with 500; newer moby and berth say 400), and the
// daemon keeps serving. 404/409 texts are dockerd's.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration), .serialized)
struct ContainerBadRequestTests {
    /// Sends one request and checks the status and that the JSON message contains `fragment`.
    static func expect(
        _ daemon: BerthDaemon, _ method: String, _ path: String, body: String? = nil, status: Int, _ fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let reply = try await daemon.request(method, path, body: body)
        let message = (try? reply.json())?["message"] as? String
        #expect(reply.status == status, "\(method) \(path) \(body ?? ""): \(reply)", sourceLocation: sourceLocation)
        #expect(message?.contains(fragment) == true, "\(method) \(path) \(body ?? ""): \(reply)", sourceLocation: sourceLocation)
        #expect(reply.headers["content-type"]?.hasPrefix("application/json") == true, "\(reply)", sourceLocation: sourceLocation)
    }

    @Test func malformedCreateBodies() async throws {
        let (daemon, _) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let create = "/containers/create"
        try await Self.expect(daemon, "POST", create, body: #"{"Image":"#, status: 400, "invalid JSON")
        try await Self.expect(daemon, "POST", create, body: #"{"Image":"busybox"} xyz"#, status: 400, "unexpected content after JSON")
        try await Self.expect(daemon, "POST", create, body: #"{"Image":"busybox"}{}"#, status: 400, "unexpected content after JSON")
        try await Self.expect(daemon, "POST", create, body: #"{"Image":5}"#, status: 400, "Image")
        try await Self.expect(daemon, "POST", create, body: #"{"Image":"busybox","HostConfig":{"Memory":"x"}}"#, status: 400, "Memory")
        try await Self.expect(daemon, "POST", create, body: "[1,2]", status: 400, "invalid JSON")
        try await Self.expect(daemon, "POST", create, body: "", status: 400, "EOF")
        let plain = try await RawHTTP.request(.unix(daemon.socketPath), "POST", create, headers: ["Content-Type": "text/plain"], body: "{}")
        #expect(plain.status == 400 && plain.text.contains("application/json"), "\(plain)")
        try await Self.expect(daemon, "POST", create, body: #"{"Image":""}"#, status: 400, "image name must not be empty")
        try await Self.expect(daemon, "POST", create, body: #"{"Image":"nosuchimage"}"#, status: 404, "No such image: nosuchimage:latest")
        try await Self.expect(
            daemon, "POST", create + "?name=a/b", body: #"{"Image":"busybox"}"#, status: 400, "Invalid container name (a/b)")
        // Nothing above created a container.
        let list = try await daemon.request("GET", "/containers/json?all=1")
        #expect(list.text.trimmed == "[]", "\(list)")
    }

    @Test func invalidCreateSettings() async throws {
        let (daemon, _) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        func create(_ config: String, _ fragment: String, status: Int = 400, sourceLocation: SourceLocation = #_sourceLocation) async throws
        {
            try await Self.expect(
                daemon, "POST", "/containers/create", body: #"{"Image":"busybox",\#(config)}"#, status: status, fragment,
                sourceLocation: sourceLocation)
        }
        try await create(#""ExposedPorts":{"70000/tcp":{}}"#, "invalid port specification: \"70000/tcp\"")
        try await create(#""ExposedPorts":{"80/xyz":{}}"#, "invalid port specification")
        try await create(#""HostConfig":{"PortBindings":{"80/tcp":[{"HostPort":"70000"}]}}"#, "invalid port specification: \"70000\"")
        try await create(#""HostConfig":{"PortBindings":{"80/tcp":[{"HostPort":"9-x"}]}}"#, "invalid port specification")
        try await create(#""HostConfig":{"PortBindings":{"99999/tcp":[{"HostPort":"80"}]}}"#, "invalid port specification")
        try await create(#""HostConfig":{"RestartPolicy":{"Name":"sometimes"}}"#, "invalid restart policy")
        try await create(#""HostConfig":{"RestartPolicy":{"Name":"always","MaximumRetryCount":3}}"#, "maximum retry count")
        try await create(#""HostConfig":{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":-1}}"#, "max-retries")
        try await create(#""HostConfig":{"LogConfig":{"Type":"nope"}}"#, "nope")
        try await create(
            #""HostConfig":{"LogConfig":{"Type":"json-file","Config":{"bogus":"1"}}}"#, "unknown log opt 'bogus' for json-file log driver")
        try await create(#""HostConfig":{"LogConfig":{"Type":"json-file","Config":{"max-size":"abc"}}}"#, "abc")
        try await create(#""HostConfig":{"LogConfig":{"Type":"json-file","Config":{"max-file":"0"}}}"#, "max-file")
        try await create(#""HostConfig":{"Runtime":"nope"}"#, "nope")
        try await create(#""HostConfig":{"Memory":-5}"#, "Minimum memory limit allowed is 6MB")
        try await create(#""HostConfig":{"Memory":1024}"#, "Minimum memory limit allowed is 6MB")
        try await create(#""HostConfig":{"MemorySwappiness":101}"#, "valid memory swappiness range is 0-100")
        try await create(#""HostConfig":{"NanoCpus":1000000000,"CpuPeriod":100000}"#, "Conflicting options")
        try await create(#""HostConfig":{"CpuQuota":10}"#, "CPU cfs quota can not be less than 1ms")
        try await create(#""HostConfig":{"CpusetMems":"7"}"#, "Requested memory nodes are not available - requested 7")
        try await create(#""HostConfig":{"CpusetCpus":"0-"}"#, "Invalid value 0- for cpuset cpus")
        try await create(#""HostConfig":{"CapAdd":["NOPE"]}"#, "unknown capability")
        try await create(#""HostConfig":{"SecurityOpt":["seccomp={"]}"#, "seccomp")
        try await create(#""HostConfig":{"NetworkMode":"nosuchnet"}"#, "network nosuchnet not found", status: 404)
        try await create(#""WorkingDir":"relative""#, "needs to be an absolute path")
        try await create(#""WorkingDir":"/proc/self/fd/5""#, "must not refer to a file descriptor")
        try await create(#""StopSignal":"SIGNOPE""#, "invalid signal")
        try await create(#""HostConfig":{"Binds":["relative:/x:zz"]}"#, "invalid")
        try await create(#""HostConfig":{"ExtraHosts":["nohost"]}"#, "bad format for add-host")
        try await create(#""HostConfig":{"Ulimits":[{"Name":"bogus","Soft":1,"Hard":1}]}"#, "bogus")
        try await create(
            #""HostConfig":{"Ulimits":[{"Name":"nofile","Soft":10,"Hard":5}]}"#,
            "soft limit must be less than or equal to hard limit: 10 > 5")
        let list = try await daemon.request("GET", "/containers/json?all=1")
        #expect(list.text.trimmed == "[]", "a refused create left a container: \(list)")
    }

    @Test func lifecycleParametersAndConflicts() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let id = try await docker.startSleeper([], name: "r1")
        try await Self.expect(daemon, "POST", "/containers/r1/kill?signal=SIGNOPE", status: 400, "Invalid signal: SIGNOPE")
        try await Self.expect(daemon, "POST", "/containers/r1/kill?signal=99", status: 400, "99")
        try await Self.expect(daemon, "POST", "/containers/r1/stop?signal=NOPE", status: 400, "NOPE")
        try await Self.expect(daemon, "POST", "/containers/r1/stop?t=abc", status: 400, "invalid syntax")
        try await Self.expect(daemon, "POST", "/containers/r1/restart?t=x", status: 400, "invalid syntax")
        try await Self.expect(daemon, "POST", "/containers/r1/wait?condition=bogus", status: 400, "bogus")
        try await Self.expect(daemon, "POST", "/containers/r1/update", body: #"{"Memory":"x"}"#, status: 400, "Memory")
        try await Self.expect(daemon, "POST", "/containers/r1/update", body: #"{"CpuShares":1} trailing"#, status: 400, "after JSON")
        try await Self.expect(daemon, "POST", "/containers/r1/update", body: #"{"RestartPolicy":{"Name":"bad"}}"#, status: 400, "bad")
        try await Self.expect(daemon, "POST", "/containers/r1/resize?h=x&w=1", status: 400, "resize")
        try await Self.expect(daemon, "POST", "/containers/r1/rename", status: 400, "name cannot be empty")
        #expect(try await daemon.request("GET", "/containers/r1/json").status == 200, "r1 survived every bad request")

        try await Self.expect(daemon, "GET", "/containers/nosuch/json", status: 404, "No such container: nosuch")
        for (method, path) in [
            ("POST", "/containers/nosuch/start"), ("POST", "/containers/nosuch/stop"), ("POST", "/containers/nosuch/kill"),
            ("POST", "/containers/nosuch/wait"), ("DELETE", "/containers/nosuch"), ("GET", "/containers/nosuch/top"),
            ("GET", "/containers/nosuch/stats?stream=false"), ("GET", "/containers/nosuch/logs?stdout=1"),
            ("POST", "/containers/nosuch/update"), ("POST", "/containers/nosuch/rename?name=x"),
        ] {
            try await Self.expect(
                daemon, method, path, body: method == "POST" && path.hasSuffix("update") ? "{}" : nil, status: 404,
                "No such container: nosuch")
        }

        try await Self.expect(
            daemon, "POST", "/containers/create?name=r1", body: #"{"Image":"busybox"}"#, status: 409,
            "Conflict. The container name \"/r1\" is already in use by container \"\(id)\". You have to remove (or rename) that container to be able to reuse that name."
        )
        // moby 23+ wording (20.10 said "You cannot remove a running container <id>. …").
        try await Self.expect(
            daemon, "DELETE", "/containers/r1", status: 409,
            "cannot remove container \"/r1\": container is running: stop the container before removing or force remove")
        try await Self.expect(daemon, "POST", "/containers/r1/start", status: 304, "", expectJSON: false)
        #expect(try await docker.run(["create", "--name", "r2", "busybox"]).succeeded)
        try await Self.expect(daemon, "POST", "/containers/r2/rename?name=r1", status: 409, "is already in use by container")
        try await Self.expect(daemon, "POST", "/containers/r2/kill", status: 409, "is not running")
        try await Self.expect(daemon, "GET", "/containers/r2/top", status: 409, "is not running")
        try await Self.expect(daemon, "POST", "/containers/r1/pause", status: 204, "", expectJSON: false)
        try await Self.expect(daemon, "POST", "/containers/r1/pause", status: 409, "is already paused")
        try await Self.expect(daemon, "POST", "/containers/r1/start", status: 409, "unpause")
        try await Self.expect(daemon, "POST", "/containers/r1/unpause", status: 204, "", expectJSON: false)
        try await Self.expect(daemon, "POST", "/containers/r1/unpause", status: 409, "is not paused")
    }
}

extension ContainerBadRequestTests {
    /// A status-only check for replies without a JSON body (204, 304).
    static func expect(
        _ daemon: BerthDaemon, _ method: String, _ path: String, status: Int, _ fragment: String, expectJSON: Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let reply = try await daemon.request(method, path)
        #expect(
            reply.status == status && (fragment.isEmpty || reply.text.contains(fragment)), "\(method) \(path): \(reply)",
            sourceLocation: sourceLocation)
    }
}
