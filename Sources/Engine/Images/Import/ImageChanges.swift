// SPDX-License-Identifier: Apache-2.0
// `docker import --change` / `docker commit --change`: Dockerfile instructions that edit an image's
// config. moby accepts CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER,
// VOLUME and WORKDIR here, and refuses anything else with "<X> is not a valid change command".

import FoundationEssentials

/// The config fields a list of change instructions sets; nil means "leave as is".
public struct ImageChanges: Sendable, Equatable {
    /// `CMD`.
    public var cmd: [String]?
    /// `ENTRYPOINT`.
    public var entrypoint: [String]?
    /// `ENV` entries as `KEY=value`, in order (later ones replace earlier keys).
    public var env: [String] = []
    /// `EXPOSE` ports as `80/tcp`.
    public var exposedPorts: [String] = []
    /// `LABEL` pairs.
    public var labels: [String: String] = [:]
    /// `ONBUILD` triggers.
    public var onBuild: [String] = []
    /// `STOPSIGNAL`.
    public var stopSignal: String?
    /// `USER`.
    public var user: String?
    /// `VOLUME` paths.
    public var volumes: [String] = []
    /// `WORKDIR`.
    public var workingDir: String?

    /// No changes.
    public init() {}

    static let allowed: Set<String> = [
        "CMD", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL", "ONBUILD", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    ]

    /// Parses each `changes` entry as one Dockerfile instruction.
    public init(parsing instructions: [String]) throws(EngineError) {
        self.init()
        for line in instructions {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard !trimmed.isEmpty else { continue }
            let keyword = trimmed.prefix { $0 != " " && $0 != "\t" }.uppercased()
            let argument = String(trimmed.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" })
            guard Self.allowed.contains(keyword) else { throw .invalidParameter("\(keyword) is not a valid change command") }
            switch keyword {
            case "CMD": cmd = Self.commandForm(argument)
            case "ENTRYPOINT": entrypoint = Self.commandForm(argument)
            case "ENV": env += try Self.pairs(argument, keyword).map { "\($0.0)=\($0.1)" }
            case "LABEL": for (key, value) in try Self.pairs(argument, keyword) { labels[key] = value }
            case "EXPOSE":
                exposedPorts += argument.split(separator: " ").map { $0.contains("/") ? String($0) : "\($0)/tcp" }
            case "ONBUILD": onBuild.append(argument)
            case "STOPSIGNAL": stopSignal = argument
            case "USER": user = argument
            case "VOLUME": volumes += Self.jsonArray(argument) ?? argument.split(separator: " ").map(String.init)
            case "WORKDIR": workingDir = argument
            default: break  // HEALTHCHECK: accepted and ignored until healthchecks exist (issue 4).
            }
        }
    }

    /// JSON (exec) form as is; shell form wrapped in `/bin/sh -c`.
    static func commandForm(_ argument: String) -> [String] {
        jsonArray(argument) ?? ["/bin/sh", "-c", argument]
    }

    static func jsonArray(_ text: String) -> [String]? {
        guard text.hasPrefix("[") else { return nil }
        return try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    /// `KEY=value KEY2="two words"` or the legacy `KEY value with spaces`.
    static func pairs(_ argument: String, _ keyword: String) throws(EngineError) -> [(String, String)] {
        guard argument.contains("=") else {
            let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw .invalidParameter("\(keyword) requires at least one argument") }
            return [(parts[0], parts[1])]
        }
        var result: [(String, String)] = []
        for word in ShellWords.split(argument) {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw .invalidParameter("\(keyword) names can not be blank")
            }
            result.append((String(word[..<equals]), String(word[word.index(after: equals)...])))
        }
        return result
    }
}

/// Splits on spaces outside double or single quotes, removing the quotes.
enum ShellWords {
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
