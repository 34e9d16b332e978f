// SPDX-License-Identifier: Apache-2.0
// `docker top`: the ps-output parser, dockerd's option checks, and real /usr/bin/ps filtered by a fixture cgroup.

import Foundation
import Glibc
import Models
import Platform
import Testing

@testable import Engine

@Suite struct ContainerTopTests {
    static let psEF = """
        UID          PID    PPID  C STIME TTY          TIME CMD
        root           1       0  0 13:17 ?        00:00:35 /sbin/init splash
        root         700       1  0 13:20 ?        00:00:00 sleep  30
        root         701     700  0 13:20 pts/0    00:00:00 sh -c echo a\u{00A0}b

        """

    @Test func keepsOnlyContainerRowsAndJoinsTheCommand() throws {
        let top = try PSOutputParser.parse(Self.psEF, pids: [700, 701])
        #expect(top.titles == ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"])
        #expect(
            top.processes == [
                ["root", "700", "1", "0", "13:20", "?", "00:00:00", "sleep 30"],
                ["root", "701", "700", "0", "13:20", "pts/0", "00:00:00", "sh -c echo a\u{00A0}b"],
            ])
    }

    @Test func threadRowsFollowTheirProcess() throws {
        let output = "PID TID CMD\n700 - sleep\n- 700 -\n- 701 -\n900 - other\n- 900 -\n"
        let top = try PSOutputParser.parse(output, pids: [700])
        #expect(top.processes == [["700", "-", "sleep"], ["-", "700", "-"], ["-", "701", "-"]])
    }

    @Test func parserErrorsUseDockerdsText() {
        #expect(throws: EngineError.system("Couldn't find PID field in ps output")) {
            try PSOutputParser.parse("USER COMMAND\nroot sh\n", pids: [1])
        }
        #expect(throws: EngineError.system("Unexpected pid 'x1': strconv.Atoi: parsing \"x1\": invalid syntax")) {
            try PSOutputParser.parse("PID CMD\nx1 sh\n", pids: [1])
        }
    }

    @Test func optionChecksComeBeforeTheRunningCheck() async throws {
        let fixture = try CgroupFixture(.v1)
        let top = ContainerTop()
        await #expect(throws: EngineError.system("specifying \"user=PID\" is not allowed")) {
            try await top.processes(containerID: "abc", isRunning: false, paths: fixture.paths, psArgs: "-o user=PID")
        }
        await #expect(throws: EngineError.conflict("Container abc is not running")) {
            try await top.processes(containerID: "abc", isRunning: false, paths: fixture.paths, psArgs: "-o pid=PID")
        }
        await #expect(throws: EngineError.system("option --no-headers is not allowed")) {
            try await top.processes(containerID: "abc", isRunning: true, paths: fixture.paths, psArgs: "-ef --no-headers")
        }
    }

    /// A fixture cgroup holding this test process, with PID 1 in a child group.
    static func fixtureWithProcesses() throws -> CgroupFixture {
        let fixture = try CgroupFixture(.v1)
        try fixture.set("pids", "cgroup.procs", "\(getpid())\n")
        let child = (fixture.paths.directory(for: "pids") ?? "") + "/sub"
        try FileManager.default.createDirectory(atPath: child, withIntermediateDirectories: true)
        try fixture.write("1\n", to: child + "/cgroup.procs")
        return fixture
    }

    @Test func realPSIsFilteredByTheCgroupIncludingChildGroups() async throws {
        let fixture = try Self.fixtureWithProcesses()
        let top = try await ContainerTop().processes(containerID: "abc", isRunning: true, paths: fixture.paths)
        #expect(top.titles.first == "UID" && top.titles.last == "CMD")
        #expect(Set(top.processes.map { $0[1] }) == ["1", "\(getpid())"])
        #expect(top.processes.allSatisfy { $0.count == top.titles.count })
    }

    @Test func optionsRefusingQuickModeAreRetriedWithout() async throws {
        let fixture = try Self.fixtureWithProcesses()
        // `f` (forest) refuses -q; dockerd retries the plain command and filters its output.
        let top = try await ContainerTop().processes(containerID: "abc", isRunning: true, paths: fixture.paths, psArgs: "axf")
        #expect(Set(top.processes.map { $0[0] }) == ["1", "\(getpid())"])
        #expect(top.titles.last == "COMMAND")
    }

    @Test func psFailureReportsItsFirstErrorLine() async throws {
        let fixture = try Self.fixtureWithProcesses()
        do {
            _ = try await ContainerTop().processes(containerID: "abc", isRunning: true, paths: fixture.paths, psArgs: "--bogus")
            Issue.record("ps accepted --bogus")
        } catch {
            #expect(error.message.hasPrefix("ps: error: unknown gnu long option"))
        }
        await #expect(throws: EngineError.self) {
            try await ContainerTop(psPath: "/nonexistent/ps").processes(containerID: "abc", isRunning: true, paths: fixture.paths)
        }
    }
}

@Suite(.serialized, .enabled(if: Env.integration)) struct ContainerTopLiveSerialTests {
    @Test func topShowsOnlyTheSleep() async throws {
        try await withLiveContainerCgroup { id, paths, pid in
            let top = try await ContainerTop().processes(containerID: id, isRunning: true, paths: paths)
            #expect(top.processes.count == 1)
            #expect(top.processes.first?[1] == "\(pid)")
            #expect(top.processes.first?.last == "/bin/sleep 30")
            let aux = try await ContainerTop().processes(containerID: id, isRunning: true, paths: paths, psArgs: "aux")
            #expect(aux.titles.last == "COMMAND" && aux.processes.map { $0[1] } == ["\(pid)"])
        }
    }
}
