// SPDX-License-Identifier: Apache-2.0
// Sample requests for the container and exec operations of openapi/berth.json, and what each one must get.

import API
import Foundation
import HTTPCore
import Testing

/// Container samples run after the image samples: `sample:1` (imported with `CMD sh`) exists by then. Create only
/// writes files and a db row, so `box` and `leftover` exist without root; nothing is started, which makes stop a
/// 304, kill/pause/top/exec a 409 and stats a zeroed sample. Operations that need a running container or an exec
/// session use a missing one: 404 `No such container: …` / `No such exec instance: …`.
enum OpenAPIContainerSamples {
    /// (operationId, request) in the order they run. Keys that are not operationIds only prepare state. Made anew
    /// per call: a request body is read once.
    static func requests() -> [(String, HTTPRequest)] {
        [
            ("ContainerCreate", .json("POST", "/containers/create?name=box", #"{"Image":"sample:1","Labels":{"role":"sample"}}"#)),
            // Renamed, then left stopped for prune to remove.
            ("ContainerCreateForPrune", .json("POST", "/containers/create?name=leftover", #"{"Image":"sample:1","Cmd":["true"]}"#)),
            ("ContainerInspect", .make("GET", "/containers/box/json?size=1")),
            ("ContainerList", .make("GET", "/containers/json?all=1&size=1")),
            ("ContainerRename", .make("POST", "/containers/leftover/rename?name=leftover2")),
            ("ContainerStart", .make("POST", "/containers/nosuch/start")),
            ("ContainerStop", .make("POST", "/containers/box/stop?t=1")),
            ("ContainerRestart", .make("POST", "/containers/nosuch/restart")),
            ("ContainerKill", .make("POST", "/containers/box/kill?signal=SIGTERM")),
            ("ContainerPause", .make("POST", "/containers/box/pause")),
            ("ContainerUnpause", .make("POST", "/containers/box/unpause")),
            ("ContainerWait", .make("POST", "/containers/box/wait?condition=not-running")),
            ("ContainerResize", .make("POST", "/containers/box/resize?h=24&w=80")),
            ("ContainerAttach", .make("POST", "/containers/nosuch/attach?stream=1&stdout=1")),
            (
                "ContainerAttachWebsocket",
                .make("GET", "/containers/nosuch/attach/ws?stream=1&stdout=1", headers: [("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")])
            ),
            ("ContainerExec", .json("POST", "/containers/box/exec", #"{"Cmd":["true"],"AttachStdout":true}"#)),
            ("ExecStart", .json("POST", "/exec/nosuch/start", #"{"Detach":true}"#)),
            ("ExecResize", .make("POST", "/exec/nosuch/resize?h=24&w=80")),
            ("ExecInspect", .make("GET", "/exec/nosuch/json")),
            ("ContainerLogs", .make("GET", "/containers/box/logs?stdout=1&stderr=1")),
            ("ContainerStats", .make("GET", "/containers/box/stats?stream=false")),
            ("ContainerTop", .make("GET", "/containers/box/top")),
            ("ContainerUpdate", .json("POST", "/containers/box/update", #"{"CpuShares":512,"RestartPolicy":{"Name":"no"}}"#)),
            ("ContainerExport", .make("GET", "/containers/box/export")),
            ("ContainerChanges", .make("GET", "/containers/box/changes")),
            ("ContainerDelete", .make("DELETE", "/containers/box?force=1")),
            ("ContainerPrune", .make("POST", "/containers/prune")),
        ]
    }

    /// The status each sample must get: a 404 or 409 documented for the operation would pass the document check as
    /// well, so this pins the samples to the state they are meant to show.
    static let expectedStatus: [String: Int] = [
        "ContainerCreate": 201, "ContainerCreateForPrune": 201, "ContainerInspect": 200, "ContainerList": 200,
        "ContainerRename": 204, "ContainerStart": 404, "ContainerStop": 304, "ContainerRestart": 404, "ContainerKill": 409,
        "ContainerPause": 409, "ContainerUnpause": 409, "ContainerWait": 200, "ContainerResize": 409, "ContainerAttach": 404, "ContainerAttachWebsocket": 404,
        "ContainerExec": 409, "ExecStart": 404, "ExecResize": 404, "ExecInspect": 404, "ContainerLogs": 200,
        "ContainerStats": 200, "ContainerTop": 409, "ContainerUpdate": 200, "ContainerDelete": 204, "ContainerPrune": 200,
    ]
}

@Suite struct OpenAPIContainerSampleTests {
    /// One run of the samples for both checks: each run imports, pushes and searches again.
    @Test func samplesGetTheIntendedStatusAndShowTheContainersTheyMade() async throws {
        let responses = try await OpenAPIResponseTests.sampleResponses()
        for (operation, code) in OpenAPIContainerSamples.expectedStatus {
            let response = try #require(responses[operation], "\(operation) was not run")
            var detail = ""
            if response.code != code, response.headers["Content-Type"] == "application/json" { detail = try await response.text() }
            #expect(response.code == code, "\(operation): \(response.code) \(detail)")
        }
        // Export and changes are served from another branch: 404 (no route) before it is merged, 200 after.
        for operation in ["ContainerExport", "ContainerChanges"] {
            #expect([200, 404].contains(responses[operation]?.code), "\(operation)")
        }

        let created = try await #require(responses["ContainerCreate"]).json()
        let id = try #require(created["Id"]?.string)
        #expect(id.count == 64)
        #expect(created["Warnings"]?.array?.isEmpty == true)

        let inspect = try await #require(responses["ContainerInspect"]).json()
        #expect(inspect["Id"]?.string == id)
        #expect(inspect["Name"]?.string == "/box")
        #expect(inspect["State"]?["Status"]?.string == "created")
        #expect(inspect["Config"]?["Labels"]?["role"]?.string == "sample")
        // `CMD sh` of the imported image, in shell form.
        #expect(inspect["Path"]?.string == "/bin/sh" && inspect["Args"] == .array([.string("-c"), .string("sh")]))

        let names = try await #require(responses["ContainerList"]).json().array?.compactMap { $0["Names"]?[0]?.string } ?? []
        #expect(names.sorted() == ["/box", "/leftover"])

        #expect(try await #require(responses["ContainerWait"]).json()["StatusCode"]?.int == 0)
        let stats = try await #require(responses["ContainerStats"]).json()
        #expect(stats["id"]?.string == id && stats["name"]?.string == "/box")

        // Prune removed the renamed container only: `box` was deleted before, and nothing else existed.
        let pruned = try await #require(responses["ContainerPrune"]).json()
        #expect(pruned["ContainersDeleted"]?.array?.count == 1)
        #expect(pruned["ContainersDeleted"]?[0]?.string != id)
    }

    @Test func containerErrorsAreDockerMessagesInErrorResponses() async throws {
        let document = try OpenAPIDocument.load()
        let (api, _) = try await makeAPI()
        let cases: [(HTTPRequest, Int, String)] = [
            (.make("GET", "/containers/nosuch/json"), 404, "No such container: nosuch"),
            (.json("POST", "/containers/create", #"{"Image":"nosuch"}"#), 404, "No such image: nosuch:latest"),
            (.json("POST", "/containers/create", #"{"Image":"#), 400, "invalid JSON"),
            (.make("POST", "/containers/create", headers: [("Content-Type", "text/plain")], body: "{}"), 400, "application/json"),
            (.make("POST", "/containers/nosuch/wait?condition=sometime"), 400, "invalid condition"),
            (.make("GET", "/exec/nosuch/json"), 404, "No such exec instance: nosuch"),
        ]
        for (request, code, message) in cases {
            let response = await api.handle(request)
            #expect(response.code == code, "\(request.head.target)")
            let body = try await response.json()
            #expect(document.violations(of: body, against: "ErrorResponse").isEmpty, "\(request.head.target)")
            #expect(body["message"]?.string?.contains(message) == true, "\(request.head.target): \(body)")
        }
    }
}
