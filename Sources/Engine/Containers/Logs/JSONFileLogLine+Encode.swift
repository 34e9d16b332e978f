// SPDX-License-Identifier: Apache-2.0
// Writing a json-file log line byte-for-byte as dockerd does — the shim's own writer (ShimProtocol's
// JSONFileLog: Go's escaping, HTML-safe `<` `>` `&`, U+2028/2029, invalid UTF-8 as \ufffd), so the
// reader's tests and the shim can never disagree on the format.

import ShimProtocol

extension JSONFileLogLine {
    /// `{"log":"…","stream":"stdout","time":"…"}` plus "\n", the line the shim appends for one entry.
    public static func encode(_ entry: LogEntry) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entry.message.count + 72)
        append(entry, to: &out)
        return out
    }

    /// Appends the `encode(_:)` line to `out`.
    public static func append(_ entry: LogEntry, to out: inout [UInt8]) {
        entry.message.withUnsafeBytes { message in
            switch entry.stream {
            case .stdout: JSONFileLog.appendEntry(message, stream: "stdout", nanoseconds: entry.timestamp, to: &out)
            case .stderr: JSONFileLog.appendEntry(message, stream: "stderr", nanoseconds: entry.timestamp, to: &out)
            }
        }
    }
}
