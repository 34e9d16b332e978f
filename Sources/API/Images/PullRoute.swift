// SPDX-License-Identifier: Apache-2.0
// `POST /images/create?fromImage=`: resolve first (errors become HTTP errors, as dockerd answers a
// missing manifest with 404), then stream dockerd's progress messages while layers arrive.

import Engine
import HTTPCore
import Models
import Synchronization

/// The pull half of ImageCreate.
struct PullRoute {
    let engine: Engine

    func pull(_ request: APIRequest, image: String) async throws -> HTTPResponse {
        let tag = request.query["tag"] ?? ""
        let credentials = try RegistryAuthHeader.credentials(request.http)
        var platform: ImagePlatform?
        if let text = request.query["platform"], !text.isEmpty {
            guard let parsed = ImagePlatform(parsing: text) else { throw APIError.badRequest("invalid platform: \(text)") }
            platform = parsed
        }
        var references = [try ImageReference.forPull(image: image, tag: tag)]
        // No tag and no digest: `docker pull --all-tags`.
        if tag.isEmpty, references[0].digest == nil, !image.contains("@"), let base = try? ImageReference(parsing: image), base.tag == nil {
            let repository = RegistryRepository(domain: base.domain, path: base.path)
            let tags = try await engine.registry.listTags(repository, credentials: credentials)
            references = try tags.map { try base.withTag($0) }
        }
        let images = engine.images
        let registry = engine.registry
        var plans: [PullPlan] = []
        for reference in references {
            plans.append(try await images.planPull(reference, platform: platform, credentials: credentials, registry: registry))
        }
        let allPlans = plans
        return Responses.progressStream { progress in
            for plan in allPlans { _ = try await images.pull(plan, registry: registry, progress: progress) }
        }
    }
}

extension Responses {
    /// Runs `work` while its progress messages stream to the client (throttled); an error ends the
    /// stream as an `errorDetail` message, and a client that leaves cancels the work.
    static func progressStream(_ work: @escaping @Sendable (@escaping @Sendable (ProgressMessage) -> Void) async throws -> Void) -> HTTPResponse {
        jsonStream { writer in
            let (messages, sink) = AsyncStream<ProgressMessage>.makeStream()
            let task = Task {
                do {
                    try await work(Throttle.wrap { sink.yield($0) })
                } catch {
                    sink.yield(.failure(ErrorMapping.message(for: error)))
                }
                sink.finish()
            }
            do {
                for await message in messages { try await writer.send(message) }
            } catch {
                task.cancel()
            }
            _ = await task.value
        }
    }
}

/// Passes at most one "Downloading"/"Pushing" message per layer every 100 ms; others go through.
enum Throttle {
    static func wrap(_ forward: @escaping @Sendable (ProgressMessage) -> Void) -> @Sendable (ProgressMessage) -> Void {
        let last = Mutex<[String: ContinuousClock.Instant]>([:])
        return { message in
            if message.status == "Downloading" || message.status == "Pushing", let id = message.id,
                let detail = message.progressDetail, detail.current != detail.total
            {
                let now = ContinuousClock.now
                let due = last.withLock { seen -> Bool in
                    if let previous = seen[id], now - previous < .milliseconds(100) { return false }
                    seen[id] = now
                    return true
                }
                if !due { return }
            }
            forward(message)
        }
    }
}
