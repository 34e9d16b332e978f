// SPDX-License-Identifier: Apache-2.0
// GET /version, /info and /system/df through DockerAPI: real host figures and Docker's field names.

import API
import Engine
import HTTPCore
import Testing

@Suite struct SystemRoutesTests {
    @Test func versionReportsTheServedRange() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/version"))
        #expect(response.code == 200)
        #expect(response.headers["Content-Type"] == "application/json")
        let json = try await response.json()
        #expect(json["ApiVersion"]?.string == "1.50")
        #expect(json["MinAPIVersion"]?.string == "1.24")
        #expect(json["Version"]?.string == Engine.version)
        #expect(json["Os"]?.string == "linux")
        #expect(json["Arch"]?.string?.isEmpty == false)
        let engineComponent = json["Components"]?.array?.first { $0["Name"]?.string == "Engine" }
        #expect(engineComponent?["Details"]?["ApiVersion"]?.string == "1.50")
        #expect(engineComponent?["Details"]?["MinAPIVersion"]?.string == "1.24")
    }

    @Test func versionIsTheSameUnderAnOlderPrefix() async throws {
        let (api, _) = try await makeAPI()
        let json = try await api.handle(.make("GET", "/v1.30/version")).json()
        #expect(json["ApiVersion"]?.string == "1.50", "ApiVersion is the daemon's maximum, whatever the client asked")
    }

    @Test func infoReportsTheHost() async throws {
        let (api, engine) = try await makeAPI()
        let response = await api.handle(.make("GET", "/info"))
        #expect(response.code == 200)
        let json = try await response.json()
        #expect(json["ID"]?.string?.isEmpty == false)
        #expect((json["NCPU"]?.int ?? 0) > 0)
        #expect((json["MemTotal"]?.int ?? 0) > 0)
        #expect(json["KernelVersion"]?.string?.isEmpty == false)
        #expect(json["OperatingSystem"]?.string?.isEmpty == false)
        #expect(["1", "2"].contains(json["CgroupVersion"]?.string ?? ""))
        #expect(json["OSType"]?.string == "linux")
        #expect(json["ServerVersion"]?.string == Engine.version)
        #expect(json["DockerRootDir"]?.string == engine.configuration.dataRoot)
        #expect(json["Driver"]?.string == "overlay2")
        #expect(json["Swarm"]?["LocalNodeState"]?.string == "inactive")
    }

    @Test func infoIDIsStableForOneDatabase() async throws {
        let (api, _) = try await makeAPI()
        let first = try await api.handle(.make("GET", "/info")).json()["ID"]
        let second = try await api.handle(.make("GET", "/info")).json()["ID"]
        #expect(first == second)
    }

    @Test func infoCountsEventListeners() async throws {
        let (api, engine) = try await makeAPI()
        let (subscription, _) = await engine.events.subscribe()
        #expect(try await api.handle(.make("GET", "/info")).json()["NEventsListener"]?.int == 1)
        await engine.events.unsubscribe(subscription)
        #expect(try await api.handle(.make("GET", "/info")).json()["NEventsListener"]?.int == 0)
    }

    @Test func dataUsageReportsEveryTypeByDefault() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/system/df"))
        #expect(response.code == 200)
        let keys = Set(try await response.json().object?.keys.map { $0 } ?? [])
        #expect(keys == ["LayersSize", "Images", "Containers", "Volumes", "BuildCache"])
    }

    @Test func dataUsageTypeLimitsTheReport() async throws {
        let (api, _) = try await makeAPI()
        let images = try await api.handle(.make("GET", "/system/df?type=image")).json()
        #expect(Set(images.object?.keys.map { $0 } ?? []) == ["LayersSize", "Images"])
        #expect(images["Images"] == .array([]))
        let two = try await api.handle(.make("GET", "/system/df?type=volume&type=build-cache")).json()
        #expect(Set(two.object?.keys.map { $0 } ?? []) == ["LayersSize", "Volumes", "BuildCache"])
    }

    @Test func dataUsageUnknownTypeIsBadRequest() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/system/df?type=image&type=bogus"))
        #expect(response.code == 400)
        #expect(try await response.errorMessage().hasSuffix(": bogus"))
    }
}
