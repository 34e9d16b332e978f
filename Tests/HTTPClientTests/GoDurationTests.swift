// SPDX-License-Identifier: Apache-2.0
// Go-style duration strings, as `--expires` takes them.

import HTTPClient
import Testing

@Suite struct GoDurationTests {
    @Test(arguments: [
        ("90s", 90.0), ("30m", 1800), ("24h", 86_400), ("1h30m", 5400), ("7d", 604_800), ("1.5h", 5400), ("300ms", 0.3),
        ("2h45m30.5s", 9930.5), ("0", 0), ("-1m", -60), ("+5s", 5), (".5s", 0.5), ("1us", 0.000001), ("1µs", 0.000001),
        ("10ns", 0.00000001),
    ])
    func parses(_ text: String, _ seconds: Double) throws {
        #expect(abs(try GoDuration.seconds(text) - seconds) < 1e-9)
    }

    @Test(arguments: ["", "1", "h", "1x", "1h 30m", "-", ".s", "24H", "9999999999999999999h", "3000000h"])
    func refuses(_ text: String) {
        #expect(throws: GoDuration.ParseError(text: text)) { try GoDuration.nanoseconds(text) }
    }

    @Test func messageMatchesGo() {
        #expect(GoDuration.ParseError(text: "abc").description == "time: invalid duration \"abc\"")
    }
}
