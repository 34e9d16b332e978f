// SPDX-License-Identifier: Apache-2.0
// Where a container's cgroup lives: the one place that spells `/berth/<id>` (SpecBuilder's `linux.cgroupsPath`).

import Platform

/// The cgroup path of a container, shared by the spec (what the runtime creates) and by stats, top and update
/// (what Berth reads and writes later), so the two can never disagree.
public enum ContainerCgroup {
    /// The parent group when `HostConfig.CgroupParent` is empty (dockerd uses `/docker`).
    public static let defaultParent = "/berth"

    /// `<parent>/<id>`, with `cgroupParent` made absolute (`""` → `/berth/<id>`, `custom` → `/custom/<id>`).
    public static func path(id: String, cgroupParent: String = "") -> String {
        let parent = cgroupParent.isEmpty ? defaultParent : cgroupParent
        return (parent.hasPrefix("/") ? parent : "/" + parent) + "/" + id
    }

    /// The container's directories under `layout`; `.invalidParameter` when the parent has `.`/`..` parts.
    public static func paths(id: String, cgroupParent: String = "", layout: CgroupLayout) throws(EngineError) -> CgroupPaths {
        let path = path(id: id, cgroupParent: cgroupParent)
        do {
            return try CgroupPaths(layout: layout, path: path)
        } catch {
            throw .invalidParameter("invalid cgroup path \(path)")
        }
    }
}
