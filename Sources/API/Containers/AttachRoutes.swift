// SPDX-License-Identifier: Apache-2.0
// `POST /containers/{id}/attach` and the exec routes: hijacked sessions relayed to the shims.

import Engine
import HTTP
import HTTPCore
import Models
import Platform
import ShimProtocol

/// Routes for attach and exec.
struct AttachRoutes {
    let engine: Engine
    var containers: ContainerService { engine.containers }

    var routes: [Route<APIHandler>] {
        [
            Route("POST", "/containers/{id}/attach", "ContainerAttach", attach),
            Route("POST", "/containers/{id}/exec", "ContainerExec", createExec),
            Route("POST", "/exec/{id}/start", "ExecStart", startExec),
            Route("POST", "/exec/{id}/resize", "ExecResize", resizeExec),
            Route("GET", "/exec/{id}/json", "ExecInspect", inspectExec),
        ]
    }

    func attach(_ request: APIRequest) async throws -> HTTPResponse {
        let keys = try DetachKeys.parse(request.query["detachKeys"])
        let stdin = request.flag("stdin")
        let attachment = try await containers.attach(
            request.parameter("id"), stdin: stdin, stdout: request.flag("stdout"), stderr: request.flag("stderr"))
        let tty = attachment.container.spec.config.tty
        let withStdin = stdin && attachment.container.spec.config.openStdin
        let service = containers
        return Hijack.response(request, tty: tty) { client in
            switch await attachment.connection.value() {
            case .success(let shim):
                if await AttachRelay.run(client: client, shim: shim, tty: tty, stdin: withStdin, detachKeys: keys) {
                    await service.recordDetach(attachment.container.id, execID: nil)
                }
            case .failure:
                client.stream.close()
            }
        }
    }

    func createExec(_ request: APIRequest) async throws -> HTTPResponse {
        let config = try await request.decodeJSON(ExecConfig.self)
        if !config.detachKeys.isEmpty { _ = try DetachKeys.parse(config.detachKeys) }
        let id = try await containers.createExec(request.parameter("id"), config: config)
        return Responses.json(IDResponse(id: id), status: .created)
    }

    /// Detached: starts and answers 200. Attached: as dockerd, the stream is answered first (only a
    /// missing exec is a plain 404) and the process started after, so the client has read the head before
    /// any output comes; a failed start is the stream's only output, the runtime's text on stdout.
    func startExec(_ request: APIRequest) async throws -> HTTPResponse {
        let body = (try? await request.http.body.collect(upTo: 1 << 20)) ?? []
        let start = body.isEmpty ? ExecStartConfig() : try JSONCoding.decode(ExecStartConfig.self, from: body)
        let execID = request.parameter("id")
        let session = try await containers.exec(execID)
        let keys = try DetachKeys.parse(session.config.detachKeys)
        let tty: Bool? = start.tty ? true : nil
        if start.detach {
            _ = try await containers.startExec(execID, detach: true, tty: tty, consoleSize: start.consoleSize)
            return Responses.empty(.ok)
        }
        let service = containers
        let withTTY = start.tty || session.config.tty
        return Hijack.response(request, tty: withTTY) { client in
            let shim: any ByteStream
            do {
                guard let connection = try await service.startExec(execID, detach: false, tty: tty, consoleSize: start.consoleSize).connection
                else { return client.stream.close() }
                shim = connection
            } catch {
                let text = Array((((error as? EngineError)?.message ?? "\(error)") + "\r\n").utf8)
                _ = try? await client.stream.write(withTTY ? text : ShimFrame.header(stream: 1, count: text.count) + text, until: nil)
                return client.stream.close()
            }
            if await AttachRelay.run(client: client, shim: shim, tty: withTTY, stdin: session.config.attachStdin, detachKeys: keys) {
                await service.recordDetach(session.containerID, execID: execID)
            }
        }
    }

    func resizeExec(_ request: APIRequest) async throws -> HTTPResponse {
        let (height, width) = try ContainerRoutes.size(request)
        try await containers.resizeExec(request.parameter("id"), height: height, width: width)
        return Responses.empty(.ok)
    }

    func inspectExec(_ request: APIRequest) async throws -> HTTPResponse {
        let session = try await containers.exec(request.parameter("id"))
        let cmd = session.config.cmd ?? []
        let process = ExecInspect.ProcessConfig(
            privileged: session.config.privileged, user: session.config.user, tty: session.config.tty, entrypoint: cmd.first ?? "",
            arguments: Array(cmd.dropFirst()))
        return Responses.json(
            ExecInspect(
                canRemove: false, detachKeys: session.config.detachKeys, id: session.id, running: session.running,
                exitCode: session.exitCode.map(Int.init), processConfig: process, openStdin: session.config.attachStdin,
                openStderr: session.config.attachStderr, openStdout: session.config.attachStdout, containerID: session.containerID,
                pid: Int(session.pid)))
    }
}
