// SPDX-License-Identifier: Apache-2.0
// The host distribution from /etc/os-release (os-release(5)), for `OperatingSystem` and `OSVersion` in `GET /info`.

/// The parsed `KEY=value` assignments of an os-release file.
public struct OSRelease: Sendable, Equatable {
    /// Every assignment, values unquoted.
    public var fields: [String: String]

    /// Creates a value from parsed fields.
    public init(fields: [String: String]) {
        self.fields = fields
    }

    /// `PRETTY_NAME`, e.g. `Debian GNU/Linux 12 (bookworm)`.
    public var prettyName: String? { fields["PRETTY_NAME"] }
    /// `NAME`, e.g. `Debian GNU/Linux`.
    public var name: String? { fields["NAME"] }
    /// `ID`, e.g. `debian`.
    public var id: String? { fields["ID"] }
    /// `VERSION_ID`, e.g. `12`.
    public var versionID: String? { fields["VERSION_ID"] }

    /// What dockerd reports as `OperatingSystem`: `PRETTY_NAME`, else `Linux` (moby `operatingsystem`).
    public var operatingSystem: String {
        if let prettyName, !prettyName.isEmpty { return prettyName }
        return "Linux"
    }

    /// Reads the first readable file of `paths` (os-release(5) order); nil when none can be read.
    public static func load(paths: [String] = ["/etc/os-release", "/usr/lib/os-release"]) -> OSRelease? {
        for path in paths {
            if let text = SystemFile.readIfPresent(path) { return parse(text) }
        }
        return nil
    }

    /// Parses os-release text: `KEY=value` lines, `#` comments and blank lines skipped, values unquoted with
    /// shell rules (double quotes with `\"`, `\\`, `\$`, `` \` `` escapes; single quotes literal).
    public static func parse(_ text: String) -> OSRelease {
        var fields: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = SystemFile.trimmed(rawLine)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { continue }
            fields[key] = unquote(line[line.index(after: equals)...])
        }
        return OSRelease(fields: fields)
    }

    /// Removes shell quoting from one value.
    static func unquote(_ value: Substring) -> String {
        var result = ""
        var inDouble = false
        var inSingle = false
        var escaped = false
        for character in value {
            if escaped {
                // Inside double quotes only these characters are escapable; elsewhere a backslash keeps the next one.
                if inDouble && !"\"\\$`".contains(character) { result.append("\\") }
                result.append(character)
                escaped = false
            } else if inSingle {
                if character == "'" { inSingle = false } else { result.append(character) }
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                inDouble.toggle()
            } else if character == "'" && !inDouble {
                inSingle = true
            } else {
                result.append(character)
            }
        }
        if escaped { result.append("\\") }
        return result
    }
}
