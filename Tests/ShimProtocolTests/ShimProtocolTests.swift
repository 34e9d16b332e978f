// SPDX-License-Identifier: Apache-2.0
// The shim's wire contract round-trips, and malformed lines and command lines are refused.

import Testing

@testable import ShimProtocol

@Suite struct ShimProtocolTests {
    @Test(arguments: [
        ShimRequest.start, .wait, .status, .attach(stdin: true, stdout: false, stderr: true), .resize(rows: 24, columns: 80), .signal(15),
    ])
    func requestsRoundTrip(request: ShimRequest) {
        #expect(ShimRequest(line: Substring(request.line)) == request)
    }

    @Test(arguments: ["", "start now", "attach 1 1", "attach 1 2 0", "resize -1 80", "resize 24", "signal 0", "signal 99", "signal x", "bogus"])
    func malformedRequestsAreRefused(line: String) {
        #expect(ShimRequest(line: Substring(line)) == nil)
    }

    @Test(arguments: [
        ShimReply.ok, .ready, .created, .started(pid: 42), .running(pid: 7), .exited(ShimExit(code: 137, exitedAt: 1_700_000_000_123_456_789, oomKilled: true)),
        .error("no such file"),
    ])
    func repliesRoundTrip(reply: ShimReply) {
        #expect(ShimReply(line: Substring(reply.line)) == reply)
    }

    @Test func errorRepliesStayOnOneLine() {
        #expect(ShimReply.error("two\nlines").line == "error two lines")
    }

    @Test(arguments: ["", "started", "started x", "exited 1 2", "exited 1 2 3", "running"])
    func malformedRepliesAreRefused(line: String) {
        #expect(ShimReply(line: Substring(line)) == nil)
    }

    @Test func framesCarryStreamAndBigEndianLength() {
        let header = ShimFrame.header(stream: 2, count: 0x0102_0304)
        #expect(header == [2, 0, 0, 0, 1, 2, 3, 4])
        #expect(ShimFrame.parse(header)! == (2, 0x0102_0304))
        #expect(ShimFrame.parse([3, 0, 0, 0, 0, 0, 0, 1]) == nil)
        #expect(ShimFrame.parse([1, 0, 0]) == nil)
    }

    @Test func argumentsRoundTrip() throws {
        var arguments = ShimArguments(id: "abc", bundle: "/b", stateDirectory: "/s", runtime: "/usr/sbin/runc", runtimeRoot: "/run/berth/runc")
        arguments.tty = true
        arguments.openStdin = true
        arguments.stdinOnce = true
        arguments.logPath = "/l/abc-json.log"
        arguments.logMaxSize = 10_000
        arguments.logMaxFiles = 3
        #expect(try ShimArguments(arguments: arguments.arguments) == arguments)
        var exec = ShimArguments(id: "abc", bundle: "/b", stateDirectory: "/s/e1", runtime: "/r", runtimeRoot: "/rr")
        exec.execID = "e1"
        exec.processPath = "/s/e1/process.json"
        #expect(try ShimArguments(arguments: exec.arguments) == exec)
    }

    @Test(arguments: [
        (["--bundle", "/b"], "missing --id"),
        (["--id", "a", "--bundle", "/b", "--state-dir", "/s", "--runtime", "/r", "--runtime-root", "/rr", "--bogus"], "unknown or incomplete option --bogus"),
        (["--id", "a", "--bundle", "/b", "--state-dir", "/s", "--runtime", "/r", "--runtime-root", "/rr"], "json-file needs --log-path"),
        (["--id", "a", "--bundle", "/b", "--state-dir", "/s", "--runtime", "/r", "--runtime-root", "/rr", "--log-driver", "none", "--log-max-file", "0"], "bad --log-max-file 0"),
        (["--id", "a", "--bundle", "/b", "--state-dir", "/s", "--runtime", "/r", "--runtime-root", "/rr", "--exec", "e"], "--exec needs --process"),
    ])
    func badCommandLinesAreRefused(arguments: [String], message: String) {
        #expect(throws: ShimArgumentError(message: message)) { try ShimArguments(arguments: arguments) }
    }
}
