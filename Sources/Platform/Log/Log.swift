// SPDX-License-Identifier: Apache-2.0
// Daemon logging in logrus's text format, as dockerd writes it: time="…" level=info msg="…".

import Glibc
import Synchronization

/// Severity levels with dockerd's names.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case debug, info, warn, error, fatal

    /// Parses dockerd's `--log-level` values (`warning` is accepted for `warn`).
    public init?(name: String) {
        switch name.lowercased() {
        case "debug", "trace": self = .debug
        case "info": self = .info
        case "warn", "warning": self = .warn
        case "error": self = .error
        case "fatal", "panic": self = .fatal
        default: return nil
        }
    }

    /// The name logrus prints.
    public var name: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warn: "warning"
        case .error: "error"
        case .fatal: "fatal"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The process-wide logger writing to standard error.
public enum Log {
    private static let threshold = Atomic<Int>(LogLevel.info.rawValue)

    /// Sets the lowest level that is written.
    public static func setLevel(_ level: LogLevel) { threshold.store(level.rawValue, ordering: .relaxed) }

    /// True when `level` would be written.
    public static func enabled(_ level: LogLevel) -> Bool { level.rawValue >= threshold.load(ordering: .relaxed) }

    /// Writes one line if `level` is enabled; `fields` are appended as key=value.
    public static func write(_ level: LogLevel, _ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) {
        guard enabled(level) else { return }
        var line = "time=\"\(timestamp())\" level=\(level.name) msg=\(quote(message()))"
        for (key, value) in fields { line += " \(key)=\(quote(value))" }
        line += "\n"
        _ = line.withCString { Glibc.write(2, $0, strlen($0)) }
    }

    /// Debug-level line.
    public static func debug(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) { write(.debug, message(), fields) }
    /// Info-level line.
    public static func info(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) { write(.info, message(), fields) }
    /// Warning-level line.
    public static func warn(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) { write(.warn, message(), fields) }
    /// Error-level line.
    public static func error(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) { write(.error, message(), fields) }

    private static func quote(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.value > 32 && $0 != "\"" && $0 != "=" && $0.value < 127 }
        if plain { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(now.tv_nsec / 1000, 6))Z"
    }
}
