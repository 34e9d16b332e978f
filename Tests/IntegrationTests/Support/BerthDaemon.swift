// SPDX-License-Identifier: Apache-2.0
// Starts the built berthd in a private temp directory (socket, data root, exec root, pid file, daemon.json)
// and stops it with SIGTERM or SIGKILL; its stderr stays in a file for assertions and debugging.

import Foundation
import Platform

/// One berthd process under test.
final class BerthDaemon: Sendable {
    /// The private directory holding every path below.
    let directory: String
    /// The process.
    let child: Child

    var socketPath: String { Self.socketPath(in: directory) }
    var dataRoot: String { "\(directory)/data" }
    var execRoot: String { "\(directory)/exec" }
    var pidFile: String { "\(directory)/berthd.pid" }
    var configFile: String { "\(directory)/daemon.json" }
    /// What berthd wrote to stderr so far.
    var stderr: String { child.stderr }
    /// `DOCKER_HOST` for this daemon's unix socket.
    var dockerHost: String { "unix://\(socketPath)" }

    static func socketPath(in directory: String) -> String { "\(directory)/berthd.sock" }

    private init(directory: String, child: Child) {
        self.directory = directory
        self.child = child
    }

    /// The flags every test daemon gets: its own paths and daemon.json, so nothing on the host is touched.
    /// `hosts` nil means the private unix socket; an empty list passes no `-H` at all.
    static func arguments(in directory: String, hosts: [String]?, extra: [String]) -> [String] {
        let listen = (hosts ?? ["unix://\(socketPath(in: directory))"]).flatMap { ["-H", $0] }
        return listen + [
            "--data-root", "\(directory)/data", "--exec-root", "\(directory)/exec", "--pidfile", "\(directory)/berthd.pid",
            "--config-file", "\(directory)/daemon.json",
        ] + extra
    }

    /// Starts berthd in `directory` (a new temp directory when nil), writes `config` as its daemon.json,
    /// and waits until `GET /_ping` answers on `readySocket` (default: the private socket).
    static func start(
        in directory: String? = nil, hosts: [String]? = nil, arguments extra: [String] = [], environment: [String: String] = [:],
        config: String = "{}", readySocket: String? = nil
    ) async throws -> BerthDaemon {
        let directory = try directory ?? makeTempDirectory()
        try writeFile("\(directory)/daemon.json", config)
        let child = try Child(
            try binary(), arguments(in: directory, hosts: hosts, extra: extra), environment: environment, outputIn: directory)
        let daemon = BerthDaemon(directory: directory, child: child)
        try await daemon.waitUntilReady(socket: readySocket ?? daemon.socketPath)
        return daemon
    }

    /// Runs berthd expecting it to refuse to start; returns how it ended (fails if it keeps running).
    static func runExpectingExit(
        in directory: String, hosts: [String]? = nil, arguments extra: [String] = [], config: String? = "{}"
    ) async throws -> CommandResult {
        if let config { try writeFile("\(directory)/daemon.json", config) }
        return try await Command.run(try binary(), arguments(in: directory, hosts: hosts, extra: extra), timeout: 15)
    }

    /// Polls `/_ping` until it answers 200; throws with berthd's stderr if it exits or takes over 30 s.
    func waitUntilReady(socket: String) async throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let status = await child.wait(timeout: 0) {
                throw TestFailure("berthd exited during startup (\(status)):\n\(stderr)")
            }
            if let reply = try? await RawHTTP.request(.unix(socket), "GET", "/_ping", timeout: 2), reply.status == 200 { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        child.signal(SIGKILL)
        throw TestFailure("berthd did not answer /_ping on \(socket) within 30 s:\n\(stderr)")
    }

    /// Sends SIGTERM and waits for the exit; SIGKILL and a failure after `timeout` seconds.
    @discardableResult
    func stop(timeout: Double = 30) async throws -> ExitStatus {
        child.signal(SIGTERM)
        guard let status = await child.wait(timeout: timeout) else {
            child.signal(SIGKILL)
            throw TestFailure("berthd did not exit within \(timeout) s of SIGTERM:\n\(stderr)")
        }
        return status
    }

    /// SIGKILL, no cleanup by the daemon.
    func kill() { child.signal(SIGKILL) }

    /// Kills the daemon if still running, then its containers (their shims outlive it by design) and
    /// their mounts, and removes its directory (kept with BERTH_KEEP_TEMP=1).
    func cleanUp() {
        kill()
        ContainerCleanup.killShimsAndContainers(execRoot: execRoot)
        ContainerCleanup.unmountEverything(under: directory)
        removeTempDirectory(directory)
    }

    /// The last lines of stderr, for failure messages.
    var log: String { "--- berthd stderr (\(directory)) ---\n" + stderr.split(separator: "\n").suffix(30).joined(separator: "\n") }

    /// Sends one request to the daemon's unix socket.
    func request(_ method: String, _ path: String, body: String? = nil) async throws -> HTTPReply {
        try await RawHTTP.request(.unix(socketPath), method, path, body: body)
    }

    /// Creates an API token over the unix socket; returns (id, token).
    func createToken(name: String, scope: String) async throws -> (id: String, token: String) {
        let reply = try await request("POST", "/berth/tokens", body: #"{"Name":"\#(name)","Scope":"\#(scope)"}"#)
        guard reply.status == 201 else { throw TestFailure("POST /berth/tokens: \(reply)") }
        let object = try reply.json()
        guard let token = object["Token"] as? String, let summary = object["Summary"] as? [String: Any], let id = summary["ID"] as? String
        else { throw TestFailure("unexpected token response: \(reply.text)") }
        return (id, token)
    }

    // MARK: - Finding the binary

    /// The package root, from this file's path (Tests/IntegrationTests/Support/BerthDaemon.swift).
    static let packageRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The built berthd: `$BERTH_BUILD_DIR/debug/berthd`, else the one beside the running test binary, else the
    /// newest of `.build/debug/berthd` and `.build-*/debug/berthd`. Throws (the test fails) when none exists.
    static func binary() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let scratch = environment["BERTH_BUILD_DIR"], !scratch.isEmpty {
            let base = scratch.hasPrefix("/") ? scratch : "\(packageRoot)/\(scratch)"
            let path = "\(base)/debug/berthd"
            guard access(path, X_OK) == 0 else {
                throw TestFailure("BERTH_BUILD_DIR is set but \(path) does not exist; build berthd first")
            }
            return path
        }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let sibling = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("berthd").path
            if access(sibling, X_OK) == 0 { return sibling }
        }
        let scratches = ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot)) ?? [])
            .filter { $0 == ".build" || $0.hasPrefix(".build-") }
        let candidates = scratches.map { name -> String in "\(packageRoot)/\(name)/debug/berthd" }.filter { access($0, X_OK) == 0 }
        let newest = candidates.max { modificationTime($0) < modificationTime($1) }
        guard let newest else {
            throw TestFailure(
                "no built berthd found under \(packageRoot)/.build*/debug/berthd: run `swift build` (or set BERTH_BUILD_DIR) first")
        }
        return newest
    }

    private static func modificationTime(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }
}
