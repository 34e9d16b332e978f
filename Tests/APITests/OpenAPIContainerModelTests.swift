// SPDX-License-Identifier: Apache-2.0
// Container answers the in-process samples cannot reach (a running container, an exec session, a health log, a
// changed filesystem) checked against the response schemas of openapi/berth.json, from the same model values.

import Models
import Testing

@Suite struct OpenAPIContainerModelTests {
    /// Problems of `value` encoded and checked against the `code` response of `operationId` (its JSON schema).
    static func problems(_ value: some Encodable, _ operationId: String, _ code: String = "200") throws -> [String] {
        let document = try OpenAPIDocument.load()
        let operation = try #require(document.operations.first { $0.body["operationId"]?.string == operationId }, "\(operationId)")
        let schema = try #require(operation.body["responses"]?[code]?["content"]?["application/json"]?["schema"], "\(operationId) \(code)")
        var problems: [String] = []
        document.check(try ContainerModelsEncodingTests.json(value), against: schema, problems: &problems)
        return problems
    }

    /// Records the problems of `value` as the `code` answer of `operationId`, if any.
    static func expectConforms(
        _ value: some Encodable, _ operationId: String, _ code: String = "200", note: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let found = try problems(value, operationId, code)
        #expect(found.isEmpty, "\(operationId) \(note): \(found)", sourceLocation: sourceLocation)
    }

    @Test func inspectOfARunningHealthyContainer() throws {
        try Self.expectConforms(ContainerModelsEncodingTests.inspect(), "ContainerInspect")
        var unhealthy = ContainerModelsEncodingTests.inspect()
        unhealthy.state?.health = nil
        try Self.expectConforms(unhealthy, "ContainerInspect", note: "no healthcheck")
    }

    @Test func statsOfARunningContainer() throws {
        let stats = ContainerStats(
            name: "/web", id: "abc", read: "2025-05-01T10:00:02Z", preread: "2025-05-01T10:00:01Z", pidsStats: PidsStats(current: 3),
            blkioStats: BlkioStats(ioServiceBytesRecursive: [BlkioStatEntry(major: 8, minor: 0, op: "read", value: 4096)]),
            cpuStats: CPUStats(
                cpuUsage: CPUUsage(totalUsage: 500, percpuUsage: [250, 250], usageInKernelmode: 100, usageInUsermode: 400),
                systemCPUUsage: 9000, onlineCPUs: 2),
            memoryStats: MemoryStats(usage: 4096, maxUsage: 8192, stats: ["inactive_file": 1024], failcnt: 0, limit: 1 << 30),
            networks: ["eth0": NetworkStats(rxBytes: 10, rxPackets: 1, txBytes: 20, txPackets: 2)])
        try Self.expectConforms(stats, "ContainerStats")
    }

    @Test func execInspectRunningAndExited() throws {
        var exec = ExecInspect(
            id: "e1", running: true, processConfig: .init(user: "root", tty: true, entrypoint: "sh", arguments: ["-c", "ls"]),
            openStdout: true, containerID: "c1", pid: 99)
        try Self.expectConforms(exec, "ExecInspect", note: "running: ExitCode is null")
        exec.running = false
        exec.exitCode = 2
        try Self.expectConforms(exec, "ExecInspect")
    }

    /// Create bodies as the docker CLI, docker-py and compose send them fit the documented request body: the CLI's
    /// strictly, the others within what the request body's description allows (Go's decoding, which berthd follows):
    /// `null` for any field, a string where a list of strings goes, and unknown keys (docker-py's `Runtime`) ignored.
    @Test func clientCreateBodiesFitTheRequestSchema() throws {
        let document = try OpenAPIDocument.load()
        let operation = try #require(document.operations.first { $0.body["operationId"]?.string == "ContainerCreate" })
        let description = operation.body["requestBody"]?["description"]?.string ?? ""
        #expect(description.contains("`null`") && description.contains("a single string") && description.contains("ignores unknown keys"))
        let schema = try #require(operation.body["requestBody"]?["content"]?["application/json"]?["schema"])
        func problems(_ body: String) throws -> [String] {
            var found: [String] = []
            document.check(try JSONCoding.decode(JSONValue.self, from: body), against: schema, problems: &found)
            return found
        }
        #expect(try problems(ContainerModelsDecodingTests.cliRun) == [])
        let lenient = ["null but not nullable", "expected array", "undeclared key Runtime"]
        let pyProblems = try problems(ContainerModelsDecodingTests.dockerPy)
        #expect(pyProblems.contains("body.Hostname: null but not nullable"), "the check sees docker-py's nulls")
        #expect(pyProblems.filter { problem in !lenient.contains { problem.hasSuffix($0) } } == [])
        #expect(try problems(ContainerModelsDecodingTests.compose).filter { problem in !lenient.contains { problem.hasSuffix($0) } } == [])
    }

    @Test func smallContainerAnswers() throws {
        try Self.expectConforms(ContainerTopResponse(titles: ["UID", "PID", "CMD"], processes: [["root", "1", "sh"]]), "ContainerTop")
        try Self.expectConforms(
            [ContainerChangeItem(path: "/tmp", kind: 1), ContainerChangeItem(path: "/etc", kind: 0)], "ContainerChanges")
        try Self.expectConforms(ContainerWaitResponse(statusCode: 137, error: .init(message: "boom")), "ContainerWait")
        try Self.expectConforms(ContainerUpdateResponse(), "ContainerUpdate", note: "Warnings: null")
        try Self.expectConforms(ContainersPruneResponse(), "ContainerPrune", note: "ContainersDeleted: null")
        try Self.expectConforms(IDResponse(id: "e1"), "ContainerExec", "201")
        try Self.expectConforms(ContainerCreateResponse(id: "abc", warnings: ["w"]), "ContainerCreate", "201")
        // The validator does look: a wrong type fails.
        #expect(try Self.problems(ContainerTopResponse(titles: ["PID"], processes: [["1"]]), "ContainerWait") != [])
    }
}
