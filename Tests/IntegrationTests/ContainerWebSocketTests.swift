// SPDX-License-Identifier: Apache-2.0
// `GET /containers/{id}/attach/ws` with a hand-written WebSocket client (python3's socket module): the
// handshake's accept key, output as binary frames, stdin from a masked client frame, close at exit.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration), .serialized)
struct ContainerWebSocketTests {
    /// `handshake(path, target)`: connects to the daemon's socket, sends the upgrade request, and returns the
    /// socket, the key and the response head.
    static let handshake = #"""
    import base64, hashlib, os, socket, struct, sys
    def handshake(path, target):
        s = socket.socket(socket.AF_UNIX); s.connect(path); s.settimeout(20)
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall((f"GET {target} HTTP/1.1\r\n"
                   f"Host: docker\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head: head += s.recv(1)
        return s, key, head

    """#

    static let client = handshake + #"""
    path, container = sys.argv[1], sys.argv[2]
    s, key, head = handshake(path, f"/v1.50/containers/{container}/attach/ws?stream=1&stdin=1&stdout=1&stderr=1")
    expected = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
    print("STATUS", head.split(b"\r\n")[0].decode())
    print("ACCEPT", "ok" if ("Sec-WebSocket-Accept: " + expected).encode() in head else "bad")
    payload = b"hello ws\n"; mask = os.urandom(4)
    s.sendall(bytes([0x82, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
    data = b""; opcodes = set()
    while True:
        h = s.recv(2)
        if len(h) < 2: break
        while len(h) < 2: h += s.recv(1)
        op, n = h[0] & 15, h[1] & 127
        if n == 126: n = struct.unpack(">H", s.recv(2))[0]
        body = b""
        while len(body) < n: body += s.recv(n - len(body))
        opcodes.add(op)
        if op == 8: break
        data += body
    print("OPCODES", sorted(opcodes))
    print("DATA", data.decode().replace("\n", "|"))
    """#

    @Test func attachOverWebSocket() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let created = try await docker.run(["create", "-i", "--name", "wsbox", "busybox", "sh", "-c", "read line; echo got:$line; echo err >&2"])
        #expect(created.succeeded, "\(created)")
        let script = try makeTempDirectory() + "/ws.py"
        try writeFile(script, Self.client)
        let session = try Child(try Env.tool("python3"), [script, daemon.socketPath, "wsbox"], outputIn: daemon.directory)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await docker.run(["start", "wsbox"]).succeeded)
        let status = await session.wait(timeout: 30)
        #expect(status == .success, "\(session.stdout)\n\(session.stderr)\n\(daemon.log)")
        let output = session.stdout
        #expect(output.contains("STATUS HTTP/1.1 101 Switching Protocols"), "\(output)")
        #expect(output.contains("ACCEPT ok"), "\(output)")
        #expect(output.contains("OPCODES [2, 8]"), "\(output)")
        #expect(output.contains("got:hello ws|") && output.contains("err|"), "\(output)")
    }

    /// A WebSocket attach without stdin to a silent container, closed by its client: the server holds
    /// nothing afterwards (nothing reads such a client, so only the hang-up watch can notice).
    @Test func closedWebSocketWithoutStdinLeavesNoConnection() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["run", "-d", "--name", "quiet", "busybox", "sleep", "1000"]).succeeded)
        let script = try makeTempDirectory() + "/ws-close.py"
        try writeFile(script, Self.handshake + #"""
            s, key, head = handshake(sys.argv[1], "/v1.50/containers/quiet/attach/ws?stream=1&stdout=1&stderr=1")
            print("STATUS", head.split(b"\r\n")[0].decode())
            s.close()
            """#)
        let session = try Child(try Env.tool("python3"), [script, daemon.socketPath], outputIn: daemon.directory)
        #expect(await session.wait(timeout: 30) == .success, "\(session.stdout)\n\(session.stderr)")
        #expect(session.stdout.contains("STATUS HTTP/1.1 101 Switching Protocols"), "\(session.stdout)")
        #expect(try await ContainerRunTests.clientConnectionsDrained(on: daemon.socketPath) == 0, "the closed WebSocket is still held")
    }

    static let rawClient = #"""
    import socket, sys
    path, container = sys.argv[1], sys.argv[2]
    s = socket.socket(socket.AF_UNIX); s.connect(path); s.settimeout(20)
    s.sendall((f"POST /v1.50/containers/{container}/attach?stream=1&stdin=1&stdout=1&detachKeys=ctrl-a HTTP/1.1\r\n"
               "Host: docker\r\nUpgrade: tcp\r\nConnection: Upgrade\r\nContent-Length: 0\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head: head += s.recv(1)
    print("STATUS", head.split(b"\r\n")[0].decode())
    s.sendall(b"echo typed\n\x01")
    rest = b""
    while True:
        chunk = s.recv(4096)
        if not chunk: break
        rest += chunk
    print("CLOSED", len(rest) >= 0)
    """#

    @Test func serverSideDetachKeysEndTheSessionWithAnEvent() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["run", "-d", "-i", "--name", "keeper", "busybox", "sh"]).succeeded)
        let script = try makeTempDirectory() + "/raw.py"
        try writeFile(script, Self.rawClient)
        let session = try Child(try Env.tool("python3"), [script, daemon.socketPath, "keeper"], outputIn: daemon.directory)
        let status = await session.wait(timeout: 30)
        #expect(status == .success && session.stdout.contains("STATUS HTTP/1.1 101 UPGRADED") && session.stdout.contains("CLOSED True"),
            "\(session.stdout)\n\(session.stderr)\n\(daemon.log)")
        #expect(try await docker.run(["inspect", "-f", "{{.State.Running}}", "keeper"]).stdout == "true\n")
        let events = try await docker.run([
            "events", "--since", "0", "--until", String(Int(Date().timeIntervalSince1970) + 1), "--filter", "event=detach", "--format", "{{.Action}}",
        ])
        #expect(events.stdout == "detach\n", "\(events)")
    }

    static let parkedClient = #"""
    import socket, sys
    path, container = sys.argv[1], sys.argv[2]
    s = socket.socket(socket.AF_UNIX); s.connect(path); s.settimeout(20)
    s.sendall((f"POST /v1.50/containers/{container}/attach?stream=1&stdout=1 HTTP/1.1\r\n"
               "Host: docker\r\nUpgrade: tcp\r\nConnection: Upgrade\r\nContent-Length: 0\r\n\r\n").encode())
    data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk: break
        data += chunk
    print("ENDED", data.split(b"\r\n")[0].decode())
    """#

    @Test func anAttachWaitingForAStartEndsWhenTheContainerIsRemoved() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["create", "--name", "never", "busybox", "true"]).succeeded)
        let script = try makeTempDirectory() + "/parked.py"
        try writeFile(script, Self.parkedClient)
        let session = try Child(try Env.tool("python3"), [script, daemon.socketPath, "never"], outputIn: daemon.directory)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await docker.run(["rm", "never"]).succeeded)
        let status = await session.wait(timeout: 15)
        #expect(status == .success && session.stdout.contains("ENDED HTTP/1.1 101"), "\(session.stdout)\n\(session.stderr)")
    }
}
