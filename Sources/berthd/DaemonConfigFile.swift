// SPDX-License-Identifier: Apache-2.0
// daemon.json in dockerd's format: known keys only, and a key may not also be given as a flag.

import FoundationEssentials

/// The settings read from daemon.json.
struct DaemonConfigFile: Decodable {
    var hosts: [String]?
    var dataRoot: String?
    var execRoot: String?
    var pidfile: String?
    var logLevel: String?
    var debug: Bool?
    var tls: Bool?
    var tlsverify: Bool?
    var tlscacert: String?
    var tlscert: String?
    var tlskey: String?
    var insecureRegistries: [String]?
    var registryMirrors: [String]?
    var labels: [String]?
    var group: String?
    var defaultRuntime: String?
    var runtimes: [String: RuntimeEntry]?
    var tokens: Bool?
    var insecureTCP: Bool?
    var liveRestore: Bool?
    var maxConcurrentDownloads: Int?
    var maxConcurrentUploads: Int?
    var logDriver: String?
    var logOpts: [String: String]?
    var initProcess: Bool?
    var initPath: String?

    struct RuntimeEntry: Decodable {
        var path: String
        var runtimeArgs: [String]?
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hosts, debug, tls, tlsverify, tlscacert, tlscert, tlskey, labels, group, runtimes, tokens, pidfile
        case dataRoot = "data-root"
        case execRoot = "exec-root"
        case logLevel = "log-level"
        case insecureRegistries = "insecure-registries"
        case registryMirrors = "registry-mirrors"
        case defaultRuntime = "default-runtime"
        case insecureTCP = "insecure-tcp"
        case liveRestore = "live-restore"
        case maxConcurrentDownloads = "max-concurrent-downloads"
        case maxConcurrentUploads = "max-concurrent-uploads"
        case logDriver = "log-driver"
        case logOpts = "log-opts"
        case initProcess = "init"
        case initPath = "init-path"
    }

    /// Reads `path`; a missing file is fine unless `required` (an explicit --config-file).
    static func load(path: String, required: Bool) throws -> DaemonConfigFile? {
        guard let bytes = readFile(path) else {
            if required { throw DaemonError("unable to configure the daemon with file \(path): open \(path): no such file or directory") }
            return nil
        }
        guard let object = try? JSONDecoder().decode([String: AnyJSON].self, from: Data(bytes)) else {
            throw DaemonError("unable to configure the daemon with file \(path): invalid JSON")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        let unknown = object.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw DaemonError("the following directives don't match any configuration option: \(unknown.joined(separator: ", "))")
        }
        do {
            return try JSONDecoder().decode(DaemonConfigFile.self, from: Data(bytes))
        } catch {
            throw DaemonError("unable to configure the daemon with file \(path): \(error)")
        }
    }

    /// The keys present in the file, for the flag-conflict check.
    static func keys(path: String) -> Set<String> {
        guard let bytes = readFile(path), let object = try? JSONDecoder().decode([String: AnyJSON].self, from: Data(bytes)) else { return [] }
        return Set(object.keys)
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }
}

/// Any JSON value, decoded only to learn which keys a file has.
struct AnyJSON: Decodable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { return }
        if (try? container.decode(Bool.self)) != nil { return }
        if (try? container.decode(Double.self)) != nil { return }
        if (try? container.decode(String.self)) != nil { return }
        if (try? container.decode([AnyJSON].self)) != nil { return }
        _ = try container.decode([String: AnyJSON].self)
    }
}
