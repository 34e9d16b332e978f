// SPDX-License-Identifier: Apache-2.0
// `--security-opt` values the spec builder acts on (moby daemon/create.go parseSecurityOpt).

/// The parsed `HostConfig.SecurityOpt` list.
struct SecurityOptions: Equatable {
    var noNewPrivileges = false
    /// `seccomp=unconfined`.
    var seccompUnconfined = false
    /// `seccomp=<profile>` was given (the caller passes its text in `SpecInput.seccompProfile`).
    var seccompCustom = false

    /// The profile text of `seccomp=<profile>` (the docker CLI sends the file's JSON content, not its path).
    static func customSeccompProfile(_ options: [String]) -> String? {
        for option in options {
            let separator = option.firstIndex { $0 == "=" || $0 == ":" }
            guard let separator, option[..<separator] == "seccomp" else { continue }
            let value = String(option[option.index(after: separator)...])
            if value != "unconfined" { return value }
        }
        return nil
    }

    static func parse(_ options: [String]) throws(EngineError) -> SecurityOptions {
        var result = SecurityOptions()
        for option in options {
            // Both `key=value` and the legacy `key:value` forms are accepted, as dockerd does.
            let separator = option.firstIndex { $0 == "=" || $0 == ":" }
            let key = separator.map { String(option[..<$0]) } ?? option
            let value = separator.map { String(option[option.index(after: $0)...]) }
            switch key {
            case "no-new-privileges":
                switch value {
                case nil, "true": result.noNewPrivileges = true
                case "false": result.noNewPrivileges = false
                default: throw .invalidParameter("invalid --security-opt 2: \"\(option)\"")
                }
            case "seccomp":
                if value == "unconfined" { result.seccompUnconfined = true } else { result.seccompCustom = true }
            case "label", "apparmor", "systempaths", "writable-cgroups":
                continue
            default:
                throw .invalidParameter("invalid --security-opt 1: \"\(option)\"")
            }
        }
        return result
    }
}
