// SPDX-License-Identifier: Apache-2.0
// berth-unpack --exit-with-parent stops as soon as its stdin lifeline closes, so a daemon killed in
// the middle of a pull leaves no unpacker writing into a directory the restarted daemon cleans up.

import Foundation
import Glibc
import Testing

import Engine
import Platform

@Suite struct UnpackerLifelineTests {
    /// Polls for `pid`'s exit for up to `seconds`; nil if it is still running.
    private func exitStatus(_ pid: pid_t, within seconds: Double) async throws -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return ProcessStatus.exitCode(status) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    @Test func unpackerExitsWhenTheLifelineCloses() async throws {
        let scratch = NSTemporaryDirectory() + "berth-lifeline-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch + "/diff", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // A FIFO blob that never ends: without the lifeline the unpacker would wait on it forever.
        #expect(mkfifo(scratch + "/blob", 0o600) == 0)
        let holder = open(scratch + "/blob", O_RDWR)
        #expect(holder >= 0)
        defer { close(holder) }

        let lifeline = try Pipe.make()
        let pid = try Spawner.spawn(
            EngineConfiguration.besideExecutable("berth-unpack"), arguments: ["--exit-with-parent", scratch + "/blob", scratch + "/diff"],
            options: SpawnOptions(standardInput: .descriptor(lifeline.read)))
        lifeline.read.close()
        #expect(try await exitStatus(pid, within: 0.5) == nil, "the unpacker should still be waiting for its blob")
        lifeline.write.close()
        let status = try await exitStatus(pid, within: 10)
        if status == nil { kill(pid, SIGKILL); _ = try await exitStatus(pid, within: 5) }
        #expect(status == 1)
    }

    @Test func withoutTheFlagTheUnpackerIgnoresStdin() async throws {
        // The flag is what arms the watch: a hand-run unpacker with stdin on /dev/null still works.
        let scratch = NSTemporaryDirectory() + "berth-lifeline-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch + "/diff", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        #expect(FileManager.default.createFile(atPath: scratch + "/blob", contents: Data(count: 1024)))
        let result = try await Subprocess.run(EngineConfiguration.besideExecutable("berth-unpack"), [scratch + "/blob", scratch + "/diff"])
        #expect(result.status == 0, "\(String(decoding: result.errorOutput, as: UTF8.self))")
        #expect(result.outputText.contains("\"diffID\":\"sha256:"))
    }
}
