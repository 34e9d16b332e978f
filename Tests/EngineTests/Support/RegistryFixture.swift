// SPDX-License-Identifier: Apache-2.0
// A real registry for live tests: Debian's `docker-registry` (distribution 2.8) on 127.0.0.1 with
// storage in a temp dir, optionally behind htpasswd Basic auth.

import Foundation
import HTTPClient
import Platform
import Testing

/// When the live suites run.
enum Env {
    /// True as root with `BERTH_INTEGRATION=1`.
    static var integration: Bool {
        getuid() == 0 && ProcessInfo.processInfo.environment["BERTH_INTEGRATION"] == "1"
    }
}

/// A test failure with a message.
struct RegistryFixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// A fresh directory under /tmp, removed by `removeDirectory`.
func makeRegistryTempDirectory() throws -> String {
    let path = "/tmp/berth-registry-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A TCP port nobody listens on right now.
func freeLoopbackPort() throws -> UInt16 {
    let listener = try Socket.listenTCP(host: "127.0.0.1", port: 0)
    defer { listener.close() }
    return Socket.localPort(of: listener)
}

/// A running `docker-registry serve`.
final class RegistryProcess: Sendable {
    /// User and password of the htpasswd variant.
    static let user = "berth"
    static let password = "berth-secret"
    /// bcrypt (cost 5) of `password`, made once with libxcrypt's crypt(3): no htpasswd tool or Python
    /// module is needed at test time, and distribution's htpasswd reader accepts `$2b$`.
    static let passwordHash = "$2b$05$abcdefghijklmnopqrstuuQPVgqXQo3In1d.pGBJ2OKtetD/tv.nq"

    let directory: String
    let port: UInt16
    let pid: pid_t

    /// `127.0.0.1:<port>`, the registry's domain in references.
    var domain: String { "127.0.0.1:\(port)" }

    /// Starts a registry and waits until `/v2/` answers; `basicAuth` puts it behind htpasswd.
    init(basicAuth: Bool) async throws {
        let binary = "/usr/bin/docker-registry"
        guard access(binary, X_OK) == 0 else { throw RegistryFixtureError("\(binary) is missing: apt-get install docker-registry") }
        directory = try makeRegistryTempDirectory()
        port = try freeLoopbackPort()
        var config = """
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: \(directory)/data
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:\(port)

            """
        if basicAuth {
            try "\(Self.user):\(Self.passwordHash)\n".write(toFile: "\(directory)/htpasswd", atomically: true, encoding: .utf8)
            config += "auth:\n  htpasswd:\n    realm: berth-test\n    path: \(directory)/htpasswd\n"
        }
        try config.write(toFile: "\(directory)/config.yml", atomically: true, encoding: .utf8)
        pid = try spawn(binary, ["serve", "\(directory)/config.yml"], log: "\(directory)/registry.log")
        try await waitUntilServing()
    }

    private func waitUntilServing() async throws {
        let deadline = Deadline.after(seconds: 15)
        while !deadline.hasPassed {
            if let fd = try? await Socket.connectTCP(host: "127.0.0.1", port: port) {
                fd.close()
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        stop()
        throw RegistryFixtureError(
            "docker-registry did not start: \((try? String(contentsOfFile: "\(directory)/registry.log", encoding: .utf8)) ?? "")")
    }

    /// Stops the registry and removes its storage.
    func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// posix_spawn with stdin from /dev/null and stdout+stderr appended to `log`.
func spawn(_ path: String, _ arguments: [String], log: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var all = sigset_t()
    sigfillset(&all)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
    guard rc == 0 else { throw RegistryFixtureError("cannot start \(path): \(String(cString: strerror(rc)))") }
    return pid
}
