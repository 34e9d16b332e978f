// SPDX-License-Identifier: Apache-2.0
// A hand-made OCI bundle (busybox rootfs + `runc spec` config) and helpers to drive the real berth-shim
// with runc in live tests: launch, attach frames, log lines.

import Engine
import Foundation
import Platform
import ShimProtocol
import Testing

/// A temp directory with a busybox rootfs, one runc root and one state directory per container.
final class ShimFixture: Sendable {
    static let runc = "/usr/sbin/runc"
    let directory: String
    var runtimeRoot: String { directory + "/runc" }
    var rootfs: String { directory + "/rootfs" }

    init() throws {
        directory = "/tmp/berth-shim-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/rootfs/bin", withIntermediateDirectories: true)
        for name in ["proc", "sys", "dev", "tmp", "etc"] {
            try manager.createDirectory(atPath: "\(directory)/rootfs/\(name)", withIntermediateDirectories: true)
        }
        try manager.copyItem(atPath: "/bin/busybox", toPath: directory + "/rootfs/bin/busybox")
        for tool in ["sh", "echo", "cat", "sleep", "stty", "seq", "printf", "true"] {
            try manager.createSymbolicLink(atPath: "\(directory)/rootfs/bin/\(tool)", withDestinationPath: "busybox")
        }
    }

    /// Writes `<dir>/bundle-<id>/config.json` (runc spec, edited) pointing at the shared rootfs.
    func bundle(id: String, args: [String], terminal: Bool = false) throws -> String {
        let bundle = "\(directory)/bundle-\(id)"
        try FileManager.default.createDirectory(atPath: bundle, withIntermediateDirectories: true)
        let spec = Process()
        spec.executableURL = URL(fileURLWithPath: Self.runc)
        spec.arguments = ["spec", "--bundle", bundle]
        try spec.run()
        spec.waitUntilExit()
        let path = bundle + "/config.json"
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard var config = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            var process = config["process"] as? [String: Any], var root = config["root"] as? [String: Any]
        else { throw ShimTestError("runc spec wrote no usable config.json") }
        process["args"] = args
        process["terminal"] = terminal
        process["env"] = ["PATH=/bin", "TERM=xterm"]
        root["path"] = rootfs
        root["readonly"] = true
        config["process"] = process
        config["root"] = root
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        return bundle
    }

    /// Shim arguments for a container `id` running `args`.
    func arguments(id: String, args: [String], terminal: Bool = false) throws -> ShimArguments {
        var arguments = ShimArguments(
            id: id, bundle: try bundle(id: id, args: args, terminal: terminal), stateDirectory: "\(directory)/state-\(id)",
            runtime: Self.runc, runtimeRoot: runtimeRoot)
        arguments.tty = terminal
        arguments.logPath = "\(directory)/\(id)-json.log"
        return arguments
    }

    /// The berth-shim built beside the test binary.
    static var shimExecutable: String { EngineConfiguration.besideExecutable("berth-shim") }

    /// Launches a shim; the caller starts it.
    func launch(_ arguments: ShimArguments) async throws -> (pid: Int32, client: ShimClient) {
        let pid = try await ShimLauncher.launch(executable: Self.shimExecutable, arguments: arguments)
        return (pid, ShimClient(stateDirectory: arguments.stateDirectory))
    }

    /// Force-deletes the container (whatever state it is in) and removes the directory.
    func cleanUp(ids: [String]) {
        for id in ids {
            let delete = Process()
            delete.executableURL = URL(fileURLWithPath: Self.runc)
            delete.arguments = ["--root", runtimeRoot, "delete", "--force", id]
            delete.standardError = FileHandle.nullDevice
            try? delete.run()
            delete.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A unique container ID.
    static func uniqueID(_ stem: String) -> String { "berth-shim-\(stem)-\(UInt32.random(in: 0...UInt32.max))" }
}

/// A test failure with a message.
struct ShimTestError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Output seen through attach frames, by stream.
struct AttachedOutput {
    var stdout: [UInt8] = []
    var stderr: [UInt8] = []
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// Reads frames until the shim closes the stream (or 20 s pass).
    static func collect(_ stream: any ByteStream) async throws -> AttachedOutput {
        var output = AttachedOutput()
        var pending: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 1)
        defer { buffer.deallocate() }
        let deadline = Deadline.after(seconds: 20)
        while true {
            let count = try await stream.read(into: buffer, until: deadline)
            if count == 0 { break }
            pending += buffer[..<count]
            while let header = ShimFrame.parse(pending), pending.count >= ShimFrame.headerSize + header.count {
                let payload = pending[ShimFrame.headerSize..<(ShimFrame.headerSize + header.count)]
                if header.stream == 2 { output.stderr += payload } else { output.stdout += payload }
                pending.removeFirst(ShimFrame.headerSize + header.count)
            }
        }
        #expect(pending.isEmpty, "a partial frame was left")
        return output
    }
}

/// One decoded json-file line.
struct ShimLogLine {
    let log: String
    let stream: String
    let time: String

    /// Every entry of the json-file log at `path`.
    static func read(_ path: String) throws -> [ShimLogLine] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
                let log = object["log"], let stream = object["stream"], let time = object["time"]
            else { throw ShimTestError("bad log line \(line)") }
            return ShimLogLine(log: log, stream: stream, time: time)
        }
    }
}

/// True while `pid` exists (zombies included: a zombie still has /proc/PID).
func processExists(_ pid: Int32) -> Bool { access("/proc/\(pid)", F_OK) == 0 }

/// Waits up to `seconds` for `pid` to be gone.
func waitUntilGone(_ pid: Int32, seconds: Double = 10) async throws -> Bool {
    let deadline = Deadline.after(seconds: seconds)
    while processExists(pid) {
        if deadline.hasPassed { return false }
        try await Task.sleep(for: .milliseconds(20))
    }
    return true
}
