// SPDX-License-Identifier: Apache-2.0
// json-file logs: line parse/encode (Go's escaping, unicode, invalid UTF-8), RFC 3339 times, and the reader on real files:
// since/until/tail across rotated files, follow through appends and a rotation, malformed lines, cancellation, speed.

import Engine
import Foundation
import Synchronization
import Testing

@Suite struct JSONFileLogLineTests {
    static let base: Int64 = 1_795_964_645_123_456_789  // 2026-11-29T15:04:05.123456789Z

    @Test func parsesDockerdLinesWithFieldsInAnyOrder() throws {
        let plain = try #require(
            JSONFileLogLine.parse(Array(#"{"log":"hello\n","stream":"stdout","time":"2026-11-29T15:04:05.123456789Z"}"#.utf8)))
        #expect(plain == LogEntry(stream: .stdout, timestamp: Self.base, message: Array("hello\n".utf8)))
        let shuffled = JSONFileLogLine.parse(
            Array(
                #" { "time" : "2026-11-29T15:04:05.123456789Z", "attrs":{"tag":"a","n":[1,{"x":"}"}]}, "stream":"stderr", "log":"x" } "#
                    .utf8))
        #expect(shuffled == LogEntry(stream: .stderr, timestamp: Self.base, message: Array("x".utf8)))
        let escapedKey = JSONFileLogLine.parse(
            Array(#"{"l\u006fg":"a","stream":"stdout","extra":null,"n":-1.5e3,"time":"2026-11-29T15:04:05Z"}"#.utf8))
        #expect(escapedKey?.message == Array("a".utf8))
        #expect(escapedKey?.timestamp == 1_795_964_645_000_000_000)
    }

    @Test func decodesEveryEscapeIncludingSurrogatePairs() throws {
        let line = #"{"log":"q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 \ud800x \udc00","stream":"stdout","time":"2026-11-29T15:04:05Z"}"#
        let entry = try #require(JSONFileLogLine.parse(Array(line.utf8)))
        #expect(String(decoding: entry.message, as: UTF8.self) == "q\" b\\ s/ \u{8}\u{c}\n\r\t é 😀 \u{FFFD}x \u{FFFD}")
    }

    @Test func encodesAsGoDoes() {
        let entry = LogEntry(stream: .stderr, timestamp: Self.base, message: Array("a\"b\\c\n\r\t\u{1}<>&\u{7f} é 😀 \u{2028}\u{2029}".utf8))
        let expected =
            #"{"log":"a\"b\\c\n\r\t\u0001\u003c\u003e\u0026"# + "\u{7f}"
            + #" é 😀 \u2028\u2029","stream":"stderr","time":"2026-11-29T15:04:05.123456789Z"}"# + "\n"
        #expect(String(decoding: JSONFileLogLine.encode(entry), as: UTF8.self) == expected)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        // Lone continuation, truncated sequence, overlong "/", a UTF-16 surrogate in UTF-8, past U+10FFFF.
        let message: [UInt8] = [0x80, 0x61, 0xC3, 0x62, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xC3]
        let encoded = JSONFileLogLine.encode(LogEntry(stream: .stdout, timestamp: 0, message: message))
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.hasPrefix(#"{"log":"\ufffda\ufffdb\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd","#))
        #expect(text.hasSuffix(#""time":"1970-01-01T00:00:00Z"}"# + "\n"))
        let decoded = try #require(JSONFileLogLine.parse(Array(encoded.dropLast())))
        #expect(String(decoding: decoded.message, as: UTF8.self) == "\u{FFFD}a\u{FFFD}b" + String(repeating: "\u{FFFD}", count: 10))
    }

    @Test func roundTripsArbitraryValidText() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "\n", "\"", "\\", "<", "é", "中", "😀", "\u{0}", "\u{1f}", " ", "\u{2028}", "&", "/"]
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let entry = LogEntry(
                stream: .stdout, timestamp: Int64.random(in: 0..<4_000_000_000_000_000_000, using: &generator), message: Array(text.utf8))
            let line = JSONFileLogLine.encode(entry)
            #expect(line.last == 0x0a && !line.dropLast().contains(0x0a))
            #expect(JSONFileLogLine.parse(Array(line.dropLast())) == entry)
            // Foundation's own JSON parser agrees on the message.
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            #expect(object?["log"] as? String == text)
        }
    }

    @Test func malformedLinesAreRefused() {
        let bad = [
            "", "{", "[]", #"{"log":"x","stream":"stdout"}"#, #"{"log":"x","stream":"stdin","time":"2026-11-29T15:04:05Z"}"#,
            #"{"log":"x","stream":"stdout","time":"yesterday"}"#, #"{"log":"x\q","stream":"stdout","time":"2026-11-29T15:04:05Z"}"#,
            #"{"log":"x","stream":"stdout","time":"2026-11-29T15:04:05Z"} junk"#,
            #"{"log":"x","stream":"stdout","time":"2026-11-29T15:04:05Z""#,
            #"{"log":"\ud83d\ude0","stream":"stdout","time":"2026-11-29T15:04:05Z"}"#,
            #"{"log":1,"stream":"stdout","time":"2026-11-29T15:04:05Z"}"#,
        ]
        for line in bad { #expect(JSONFileLogLine.parse(Array(line.utf8)) == nil, "\(line)") }
    }

    @Test func rfc3339NanoParsesAndFormatsLikeGo() throws {
        #expect(RFC3339Nano.parse("2026-11-29T15:04:05.123456789Z") == Self.base)
        #expect(RFC3339Nano.parse("2026-11-29T16:04:05.123456789+01:00") == Self.base)
        #expect(RFC3339Nano.parse("2026-11-29T09:34:05.123456789-05:30") == Self.base)
        #expect(RFC3339Nano.parse("2026-11-29T15:04:05.1234567891234Z") == Self.base)
        #expect(RFC3339Nano.parse("1969-12-31T23:59:59.5Z") == -500_000_000)
        #expect(RFC3339Nano.format(-500_000_000) == "1969-12-31T23:59:59.5Z")
        #expect(RFC3339Nano.format(Self.base) == "2026-11-29T15:04:05.123456789Z")
        #expect(RFC3339Nano.format(1_795_964_645_100_000_000) == "2026-11-29T15:04:05.1Z")
        #expect(RFC3339Nano.format(1_795_964_645_000_000_000) == "2026-11-29T15:04:05Z")
        #expect(RFC3339Nano.format(951_782_400_000_000_000) == "2000-02-29T00:00:00Z")
        for bad in [
            "2263-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-02-30T00:00:00Z", "2026-11-29T24:00:00Z", "2026-11-29T15:04:05",
            "2026-11-29T15:04:05.Z", "2026-11-29 15:04:05Z",
        ] {
            #expect(RFC3339Nano.parse(bad) == nil, "\(bad)")
        }
        // Cross-check with Foundation's calendar for many seconds across five centuries.
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let seconds = Int64.random(in: -9_000_000_000..<9_000_000_000, using: &generator)
            let text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(RFC3339Nano.format(seconds * 1_000_000_000) == text)
            #expect(RFC3339Nano.parse(text) == seconds * 1_000_000_000)
        }
    }
}

/// A value shared with reader tasks and `isRunning` closures.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<T>(_ body: (inout Value) -> T) -> T { mutex.withLock { body(&$0) } }
}

/// A temp directory holding one container's log files.
final class LogDirectory: Sendable {
    let root: String
    var path: String { root + "/container-json.log" }

    init() throws {
        root = NSTemporaryDirectory() + "berth-logs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    static func entry(_ number: Int, _ stream: LogStream = .stdout) -> LogEntry {
        LogEntry(stream: stream, timestamp: 1_700_000_000_000_000_000 + Int64(number) * 1_000_000, message: Array("line \(number)\n".utf8))
    }

    /// Appends entries (or raw bytes) to `path` + `suffix`.
    func append(_ entries: [LogEntry], suffix: String = "", raw: [UInt8] = []) throws {
        var bytes: [UInt8] = []
        for entry in entries { JSONFileLogLine.append(entry, to: &bytes) }
        bytes += raw
        let file = path + suffix
        if !FileManager.default.fileExists(atPath: file) { _ = FileManager.default.createFile(atPath: file, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    /// The shim's rotation: path.(n-1) → path.n …, path → path.1, then a new empty path.
    func rotate(maxFiles: Int) throws {
        let manager = FileManager.default
        try? manager.removeItem(atPath: path + ".\(maxFiles - 1)")
        for number in stride(from: maxFiles - 2, through: 1, by: -1) where manager.fileExists(atPath: path + ".\(number)") {
            try manager.moveItem(atPath: path + ".\(number)", toPath: path + ".\(number + 1)")
        }
        try manager.moveItem(atPath: path, toPath: path + ".1")
        _ = manager.createFile(atPath: path, contents: nil)
    }

    func read(_ options: LogReadOptions, maxFiles: Int = 3, isRunning: @escaping @Sendable () async -> Bool = { false }) async throws
        -> [LogEntry]
    {
        var all: [LogEntry] = []
        for try await batch in JSONFileLogReader.entries(path: path, maxFiles: maxFiles, options: options, isRunning: isRunning) {
            #expect(!batch.isEmpty)
            all += batch
        }
        return all
    }
}

@Suite struct JSONFileLogReaderTests {
    typealias Dir = LogDirectory

    @Test func readsRotatedFilesOldestFirstAndFiltersStreams() async throws {
        let dir = try Dir()
        try dir.append((0..<3).map { Dir.entry($0) }, suffix: ".2")
        try dir.append((3..<6).map { Dir.entry($0, $0 % 2 == 0 ? .stdout : .stderr) }, suffix: ".1")
        try dir.append((6..<9).map { Dir.entry($0) })
        #expect(try await dir.read(LogReadOptions()) == (0..<9).map { Dir.entry($0, $0 == 3 || $0 == 5 ? .stderr : .stdout) })
        #expect(try await dir.read(LogReadOptions(stdout: false)).map(\.timestamp) == [Dir.entry(3).timestamp, Dir.entry(5).timestamp])
        // maxFiles 2 ignores path.2; a missing log is an empty one.
        #expect(try await dir.read(LogReadOptions(), maxFiles: 2).count == 6)
        #expect(try await Dir().read(LogReadOptions(tail: 5)).isEmpty)
    }

    @Test func sinceAndUntilBoundTheEntries() async throws {
        let dir = try Dir()
        try dir.append((0..<5).map { Dir.entry($0) }, suffix: ".1")
        try dir.append((5..<10).map { Dir.entry($0) })
        let since = Dir.entry(3).timestamp
        let until = Dir.entry(7).timestamp
        #expect(try await dir.read(LogReadOptions(since: since)) == (3..<10).map { Dir.entry($0) })
        #expect(try await dir.read(LogReadOptions(until: until)) == (0...7).map { Dir.entry($0) })
        #expect(try await dir.read(LogReadOptions(since: since, until: until)) == (3...7).map { Dir.entry($0) })
        #expect(try await dir.read(LogReadOptions(since: until + 1, until: since)).isEmpty)
    }

    @Test func tailReadsBackwardsAcrossRotatedFiles() async throws {
        let dir = try Dir()
        try dir.append((0..<5).map { Dir.entry($0) }, suffix: ".2")
        try dir.append((5..<10).map { Dir.entry($0) }, suffix: ".1")
        try dir.append((10..<12).map { Dir.entry($0) })
        #expect(try await dir.read(LogReadOptions(tail: 1)) == [Dir.entry(11)])
        #expect(try await dir.read(LogReadOptions(tail: 2)) == [Dir.entry(10), Dir.entry(11)])
        #expect(try await dir.read(LogReadOptions(tail: 8)) == (4..<12).map { Dir.entry($0) })
        #expect(try await dir.read(LogReadOptions(tail: 1_000)) == (0..<12).map { Dir.entry($0) })
        #expect(try await dir.read(LogReadOptions(tail: 0)).isEmpty)
        // The tail is taken first, then since applies (as dockerd).
        #expect(try await dir.read(LogReadOptions(since: Dir.entry(9).timestamp, tail: 5)) == (9..<12).map { Dir.entry($0) })
    }

    @Test func tailOfALargeFileSpansManyBlocksAndSkipsAPartialLastLine() async throws {
        let dir = try Dir()
        // Lines of ~1 KB, so 300 of them cross several 64 KiB blocks; the file ends mid-line (writer busy).
        let long = (0..<2_000).map { number in
            LogEntry(
                stream: .stdout, timestamp: Int64(number),
                message: Array((String(number) + String(repeating: "x", count: 1_000) + "\n").utf8))
        }
        try dir.append(long, raw: Array(#"{"log":"unfinished"#.utf8))
        let tail = try await dir.read(LogReadOptions(tail: 300), maxFiles: 1)
        #expect(tail == Array(long.suffix(300)))
        #expect(try await dir.read(LogReadOptions(), maxFiles: 1) == long)
    }

    @Test func malformedLinesAreSkipped() async throws {
        let dir = try Dir()
        try dir.append([Dir.entry(0)], raw: Array("not json\n{\"log\":\"x\"}\n\n".utf8))
        try dir.append([Dir.entry(1)], raw: Array(#"{"log":"bad time","stream":"stdout","time":"x"}"#.utf8) + [0x0a])
        try dir.append([Dir.entry(2)])
        #expect(try await dir.read(LogReadOptions()) == (0..<3).map { Dir.entry($0) })
        #expect(try await dir.read(LogReadOptions(tail: 2)) == [Dir.entry(1), Dir.entry(2)])
    }

    @Test func followSeesAppendsAndARotationWithoutLossOrRepeats() async throws {
        let dir = try Dir()
        try dir.append((0..<3).map { Dir.entry($0) })
        let running = Locked(true)
        let received = Locked<[LogEntry]>([])
        let stream = JSONFileLogReader.entries(
            path: dir.path, maxFiles: 3, options: LogReadOptions(tail: 2, follow: true), isRunning: { running.withLock { $0 } })
        let reader = Task {
            for try await batch in stream { received.withLock { $0 += batch } }
        }
        func waitFor(_ count: Int) async throws {
            for _ in 0..<100 where received.withLock({ $0.count }) < count { try await Task.sleep(for: .milliseconds(20)) }
            #expect(received.withLock { $0.count } == count)
        }
        try await waitFor(2)
        try dir.append((3..<6).map { Dir.entry($0) })
        try await waitFor(5)
        // Written just before the rotation, so the reader may still be at the old end when the file moves.
        try dir.append((6..<8).map { Dir.entry($0) })
        try dir.rotate(maxFiles: 3)
        try dir.append((8..<10).map { Dir.entry($0) })
        try await waitFor(9)
        // A line in two writes: only the whole line is delivered.
        let split = JSONFileLogLine.encode(Dir.entry(10))
        try dir.append([], raw: Array(split.prefix(10)))
        try await Task.sleep(for: .milliseconds(250))
        try dir.append([], raw: Array(split.dropFirst(10)))
        try dir.append([Dir.entry(11)])
        running.withLock { $0 = false }
        try await reader.value
        #expect(received.withLock { $0 } == (1..<12).map { Dir.entry($0) })
    }

    @Test func followWaitsForTheFileAndEndsWhenTheContainerStops() async throws {
        let dir = try Dir()
        let running = Locked(true)
        let reader = Task { try await dir.read(LogReadOptions(follow: true), isRunning: { running.withLock { $0 } }) }
        try await Task.sleep(for: .milliseconds(150))
        try dir.append([Dir.entry(0)])
        try await Task.sleep(for: .milliseconds(250))
        // The last line lands just before the container is seen stopped (the shim writes its log before
        // it reports the exit): the follow still delivers it, then ends. (Appending after the flip raced
        // the reader's final read and was flaky.)
        try dir.append([Dir.entry(1)])
        running.withLock { $0 = false }
        #expect(try await reader.value == [Dir.entry(0), Dir.entry(1)])
    }

    @Test func cancellingTheConsumerStopsAFollow() async throws {
        let dir = try Dir()
        try dir.append([Dir.entry(0)])
        let clock = ContinuousClock()
        let reader = Task { try await dir.read(LogReadOptions(follow: true), isRunning: { true }) }
        try await Task.sleep(for: .milliseconds(200))
        let cancelled = clock.now
        reader.cancel()
        let entries = try await reader.value
        #expect(entries == [Dir.entry(0)])
        #expect(clock.now - cancelled < .seconds(1))
    }

    @Test func readsABigLogQuickly() async throws {
        // BERTH_LOG_BENCH_MB=100 for the full measurement; 8 MB by default keeps the suite fast.
        let megabytes = Int(ProcessInfo.processInfo.environment["BERTH_LOG_BENCH_MB"] ?? "") ?? 8
        let dir = try Dir()
        var chunk: [UInt8] = []
        var number = 0
        var lines = 0
        let handle = try { () throws -> FileHandle in
            _ = FileManager.default.createFile(atPath: dir.path, contents: nil)
            return try FileHandle(forWritingTo: URL(fileURLWithPath: dir.path))
        }()
        var written = 0
        while written < megabytes << 20 {
            chunk.removeAll(keepingCapacity: true)
            while chunk.count < 1 << 20 {
                // 100-byte lines: 31 bytes of message plus the JSON around it.
                let message = Array(("msg " + String(number % 10_000_000).padding(toLength: 26, withPad: "-", startingAt: 0) + "\n").utf8)
                JSONFileLogLine.append(
                    LogEntry(stream: .stdout, timestamp: 1_700_000_000_123_456_789 + Int64(number), message: message), to: &chunk)
                number += 1
                lines += 1
            }
            try handle.write(contentsOf: Data(chunk))
            written += chunk.count
        }
        try handle.close()
        let clock = ContinuousClock()
        let started = clock.now
        var count = 0
        for try await batch in JSONFileLogReader.entries(path: dir.path, maxFiles: 1, options: LogReadOptions(), isRunning: { false }) {
            count += batch.count
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "JSONFileLogReader: \(written >> 20) MB, \(count) entries in \(elapsed): \(Int(Double(written) / 1_048_576 / seconds)) MB/s, line \(written / lines) B"
        )
        #expect(count == lines)
        let tailStart = clock.now
        let tail = try await dir.read(LogReadOptions(tail: 10), maxFiles: 1)
        print("JSONFileLogReader: tail 10 of \(written >> 20) MB in \(clock.now - tailStart)")
        #expect(tail.count == 10)
    }
}
