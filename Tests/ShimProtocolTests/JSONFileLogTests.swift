// SPDX-License-Identifier: Apache-2.0
// The json-file encoder writes dockerd's bytes: escaping, invalid UTF-8, RFC3339Nano time.

import Testing

@testable import ShimProtocol

@Suite struct JSONFileLogTests {
    /// 2026-11-29T15:04:05Z in seconds since the epoch.
    static let base: Int64 = 1_795_964_645

    @Test func entryHasDockerdsFieldOrderAndTime() {
        let line = JSONFileLog.entry(Array("hello\n".utf8), stream: "stdout", nanoseconds: Self.base * 1_000_000_000 + 123_456_789)
        #expect(line == #"{"log":"hello\n","stream":"stdout","time":"2026-11-29T15:04:05.123456789Z"}"# + "\n")
    }

    /// (nanoseconds, expected text).
    static let timestamps: [(Int64, String)] = [
        (0, "1970-01-01T00:00:00Z"),
        (base * 1_000_000_000, "2026-11-29T15:04:05Z"),
        (base * 1_000_000_000 + 120_000_000, "2026-11-29T15:04:05.12Z"),
        (base * 1_000_000_000 + 1, "2026-11-29T15:04:05.000000001Z"),
        (951_782_400 * 1_000_000_000, "2000-02-29T00:00:00Z"),
        (-1, "1969-12-31T23:59:59.999999999Z"),
        (4_102_444_799 * 1_000_000_000 + 500_000_000, "2099-12-31T23:59:59.5Z"),
    ]

    @Test(arguments: timestamps)
    func timestampsAreRFC3339Nano(nanoseconds: Int64, expected: String) {
        #expect(JSONFileLog.timestamp(nanoseconds) == expected)
    }

    @Test func escapesLikeGo() {
        let message: [UInt8] = Array("a\"b\\c\r\t<>&".utf8) + [0x01, 0x1f, 0x7f]
        let line = JSONFileLog.entry(message, stream: "stderr", nanoseconds: 0)
        #expect(line.hasPrefix(#"{"log":"a\"b\\c\r\t\u003c\u003e\u0026\u0001\u001f"# + "\u{7f}" + #"","stream":"stderr""#))
    }

    @Test func keepsValidUTF8AndReplacesInvalidBytes() {
        let valid = Array("é€😀".utf8)
        #expect(JSONFileLog.entry(valid, stream: "stdout", nanoseconds: 0).hasPrefix(#"{"log":"é€😀""#))
        // A lone continuation byte, a truncated sequence, an overlong "/" and a surrogate.
        let invalid: [UInt8] = [0x80, 0x41, 0xE2, 0x82, 0xC0, 0xAF, 0xED, 0xA0, 0x80]
        let line = JSONFileLog.entry(invalid, stream: "stdout", nanoseconds: 0)
        #expect(line.hasPrefix(#"{"log":"\ufffdA\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd""#))
    }

    @Test func escapesLineAndParagraphSeparators() {
        let line = JSONFileLog.entry(Array("x\u{2028}y\u{2029}".utf8), stream: "stdout", nanoseconds: 0)
        #expect(line.hasPrefix(#"{"log":"x\u2028y\u2029""#))
    }
}

@Suite struct LogLineSplitterTests {
    private func split(_ chunks: [[UInt8]], flush: Bool = true) -> [[UInt8]] {
        var splitter = LogLineSplitter()
        var lines: [[UInt8]] = []
        for chunk in chunks { chunk.withUnsafeBytes { splitter.append($0) { lines.append(Array($0)) } } }
        if flush { splitter.flush { lines.append(Array($0)) } }
        return lines
    }

    @Test func cutsAtNewlinesAcrossChunks() {
        let lines = split([Array("one\ntw".utf8), Array("o\nthree".utf8)], flush: false)
        #expect(lines == [Array("one\n".utf8), Array("two\n".utf8)])
        #expect(split([Array("one\ntw".utf8), Array("o\nthree".utf8)]).last == Array("three".utf8))
    }

    @Test func cutsLongLinesAt16KiB() {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 40_000) + [UInt8(ascii: "\n")]
        let lines = split([Array(long[..<10_000]), Array(long[10_000...])])
        #expect(lines.map(\.count) == [16_384, 16_384, 40_000 - 32_768 + 1])
        #expect(lines.last?.last == UInt8(ascii: "\n"))
    }

    @Test func emptyInputGivesNoLines() {
        #expect(split([]).isEmpty)
        #expect(split([Array("\n".utf8)]) == [[UInt8(ascii: "\n")]])
    }
}

@Suite struct RuntimeLogTests {
    @Test func findsTheLastErrorMessage() {
        let log = """
            {"level":"warning","msg":"something odd","time":"2026-11-29T15:04:05Z"}
            {"level":"error","msg":"runc create failed: unable to start container process: exec: \\"nosuchcmd\\": executable file not found in $PATH","time":"2026-11-29T15:04:05Z"}
            {"level":"info","msg":"later","time":"2026-11-29T15:04:06Z"}

            """
        #expect(
            RuntimeLog.lastErrorMessage(Array(log.utf8))
                == #"runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH"#)
    }

    @Test func decodesUnicodeEscapesAndFallsBackToAnyMessage() {
        let log = #"{"level":"warning","msg":"a \u003c b\nc"}"#
        #expect(RuntimeLog.lastErrorMessage(Array(log.utf8)) == "a < b\nc")
        #expect(RuntimeLog.lastErrorMessage(Array("not json\n".utf8)) == nil)
    }
}
