// SPDX-License-Identifier: Apache-2.0
// JSONFileLogLine: one line of dockerd's json-file log, `{"log":"hi\n","stream":"stdout","time":"…"}`, parsed by
// a hand-written scanner. JSONDecoder would allocate a dictionary-backed container per line; this copies the
// message once and compares keys in place, which is what makes reading a 100 MB log cheap.

/// Parsing (and, in `+Encode`, writing) of single json-file log lines.
public enum JSONFileLogLine {
    /// Parses one line (without its "\n"); nil when it is not an object with a string `log`, a `stream` of
    /// stdout/stderr and an RFC 3339 `time`. Fields may come in any order; unknown ones (`attrs`) are skipped.
    public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> LogEntry? {
        var scanner = JSONScanner(line)
        var message: [UInt8]?
        var stream: LogStream?
        var timestamp: Int64?
        scanner.skipSpace()
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        scanner.skipSpace()
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                scanner.skipSpace()
                guard let key = scanner.key() else { return nil }
                scanner.skipSpace()
                guard scanner.consume(UInt8(ascii: ":")) else { return nil }
                scanner.skipSpace()
                switch key {
                case .log:
                    var bytes: [UInt8] = []
                    guard scanner.string(into: &bytes) else { return nil }
                    message = bytes
                case .stream:
                    guard let raw = scanner.rawString() else { return nil }
                    stream = Self.stream(raw)
                    guard stream != nil else { return nil }
                case .time:
                    guard let raw = scanner.rawString(), let time = RFC3339Nano.parse(raw) else { return nil }
                    timestamp = time
                case .other:
                    guard scanner.skipValue() else { return nil }
                }
                scanner.skipSpace()
            } while scanner.consume(UInt8(ascii: ","))
            guard scanner.consume(UInt8(ascii: "}")) else { return nil }
        }
        scanner.skipSpace()
        guard scanner.isAtEnd, let message, let stream, let timestamp else { return nil }
        return LogEntry(stream: stream, timestamp: timestamp, message: message)
    }

    /// `parse(_:)` for bytes in an array.
    public static func parse(_ line: [UInt8]) -> LogEntry? {
        line.withUnsafeBufferPointer { parse($0) }
    }

    private static func stream(_ raw: UnsafeBufferPointer<UInt8>) -> LogStream? {
        if raw.elementsEqual("stdout".utf8) { return .stdout }
        if raw.elementsEqual("stderr".utf8) { return .stderr }
        return nil
    }
}
