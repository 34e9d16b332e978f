// SPDX-License-Identifier: Apache-2.0
// daemon.json as dockerd reads it: unknown keys and flag/file conflicts refuse to start; `hosts` is used without -H.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration))
struct DaemonConfigTests {
    @Test func unknownKeyRefusesToStart() async throws {
        let directory = try makeTempDirectory()
        defer { removeTempDirectory(directory) }
        let result = try await BerthDaemon.runExpectingExit(in: directory, config: #"{"no-such-option": true, "debug": true}"#)
        #expect(!result.succeeded, "\(result)")
        #expect(result.stderr.contains("the following directives don't match any configuration option: no-such-option"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: BerthDaemon.socketPath(in: directory)), "must refuse before listening")
    }

    @Test func keyGivenAsFlagAndInFileRefusesToStart() async throws {
        let directory = try makeTempDirectory()
        defer { removeTempDirectory(directory) }
        // BerthDaemon always passes --data-root; the file sets it too.
        let result = try await BerthDaemon.runExpectingExit(in: directory, config: #"{"data-root": "\#(directory)/other"}"#)
        #expect(!result.succeeded, "\(result)")
        #expect(
            result.stderr.contains("the following directives are specified both as a flag and in the configuration file: data-root"),
            "\(result)")
    }

    @Test func transferLimitsMustBePositive() async throws {
        let directory = try makeTempDirectory()
        defer { removeTempDirectory(directory) }
        let result = try await BerthDaemon.runExpectingExit(in: directory, config: #"{"max-concurrent-downloads": 0}"#)
        #expect(!result.succeeded && result.stderr.contains("invalid max concurrent downloads: 0"), "\(result)")
        let accepted = try await BerthDaemon.start(config: #"{"max-concurrent-downloads": 1, "max-concurrent-uploads": 2}"#)
        accepted.cleanUp()
    }

    @Test func hostsFromFileWhenNoFlag() async throws {
        let directory = try makeTempDirectory()
        defer { removeTempDirectory(directory) }
        let socket = "\(directory)/from-config.sock"
        let daemon = try await BerthDaemon.start(
            in: directory, hosts: [], config: #"{"hosts": ["unix://\#(socket)"]}"#, readySocket: socket)
        defer { daemon.kill() }
        #expect(try await RawHTTP.request(.unix(socket), "GET", "/_ping").status == 200)
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath), "no other socket expected")
        let result = try await DockerCLI(host: "unix://\(socket)", in: directory).run(["version"])
        #expect(result.succeeded, "\(result)\n\(daemon.log)")
        #expect(try await daemon.stop() == .success)
        #expect(!FileManager.default.fileExists(atPath: socket), "socket from daemon.json must be removed at stop")
    }
}
