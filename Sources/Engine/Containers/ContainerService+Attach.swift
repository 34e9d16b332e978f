// SPDX-License-Identifier: Apache-2.0
// attach: to a running container the shim's socket is connected at once; to one not running yet the request
// waits and is connected by the next start between the runtime's create and start, so the first byte of
// output reaches it (the `docker run` and `docker start -a` sequences attach before starting).

import Models
import Platform
import ShimProtocol

/// An attach request parked until the container starts.
struct PendingAttach {
    let stdin: Bool
    let stdout: Bool
    let stderr: Bool
    let slot: OneShot<Result<any ByteStream, EngineError>>
}

/// What the API needs to serve an attach.
public struct ContainerAttachment: Sendable {
    /// The container as it was when the request came.
    public let container: Container
    /// Delivers the shim connection (frames out, stdin in) once it exists.
    public let connection: OneShot<Result<any ByteStream, EngineError>>
}

extension ContainerService {
    /// Attaches to `reference` (404 at once when missing, 409 when paused; the connection follows when it runs).
    public func attach(_ reference: String, stdin: Bool, stdout: Bool, stderr: Bool) async throws -> ContainerAttachment {
        let id = try resolve(reference)
        guard let container = containers[id] else { throw EngineError.notFound("No such container: \(reference)") }
        if container.state.status == .paused {
            throw EngineError.conflict("container \(reference) is paused, unpause the container before attach")
        }
        let slot = OneShot<Result<any ByteStream, EngineError>>()
        if container.state.isRunning {
            do {
                let stream = try await ShimClient(stateDirectory: paths.bundle(id)).attach(stdin: stdin, stdout: stdout, stderr: stderr)
                slot.fulfil(.success(stream))
            } catch {
                slot.fulfil(.failure(.system("cannot attach to container \(id): \(error)")))
            }
        } else {
            pendingAttaches[id, default: []].append(PendingAttach(stdin: stdin, stdout: stdout, stderr: stderr, slot: slot))
        }
        // dockerd logs `attach` when the streams are attached, before a `docker run` starts the container.
        await publish("attach", container)
        return ContainerAttachment(container: container, connection: slot)
    }

    /// Connects every parked attach of `id` to its freshly created shim.
    func connectPendingAttaches(_ id: String, client: ShimClient) async {
        guard let pending = pendingAttaches.removeValue(forKey: id) else { return }
        for request in pending {
            do {
                let stream = try await client.attach(stdin: request.stdin, stdout: request.stdout, stderr: request.stderr)
                request.slot.fulfil(.success(stream))
            } catch {
                request.slot.fulfil(.failure(.system("cannot attach to container \(id): \(error)")))
            }
        }
    }

    /// Ends every parked attach of `id` with `error` (its start failed).
    func failPendingAttaches(_ id: String, _ error: EngineError) {
        for request in pendingAttaches.removeValue(forKey: id) ?? [] { request.slot.fulfil(.failure(error)) }
    }

    /// `POST /containers/{id}/resize`.
    public func resize(_ reference: String, height: UInt16, width: UInt16) async throws {
        let id = try resolve(reference)
        guard let container = containers[id], container.state.isRunning else {
            throw EngineError.conflict("Container \(id) is not running")
        }
        let reply = try await ShimClient(stateDirectory: paths.bundle(id)).request(.resize(rows: height, columns: width))
        if case .error(let message) = reply {
            if container.spec.config.tty { throw EngineError.system("cannot resize: \(message)") }
            return
        }
        await publish("resize", container, ["height": String(height), "width": String(width)])
    }
}

extension ContainerService {
    /// A client left with its detach keys: dockerd's `detach` event (or `exec_detach` for an exec).
    public func recordDetach(_ id: String, execID: String?) async {
        guard let container = containers[id] else { return }
        if let execID {
            await publish("exec_detach", container, ["execID": execID])
        } else {
            await publish("detach", container)
        }
    }
}
