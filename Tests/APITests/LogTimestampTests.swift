// SPDX-License-Identifier: Apache-2.0
// `docker logs -t` stamps: nine fraction digits always, as dockerd's rfc3339NanoFixed.

import Testing

@testable import API

@Suite struct LogTimestampTests {
    func stamp(_ nanos: Int64) -> String {
        var out: [UInt8] = []
        LogRoutes.appendFixedTimestamp(nanos, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func trailingZerosArePadded() {
        #expect(stamp(1_795_970_994_928_013_590) == "2026-11-29T16:49:54.928013590Z")
        #expect(stamp(1_795_970_994_100_000_000) == "2026-11-29T16:49:54.100000000Z")
    }

    @Test func wholeSecondsGetAFraction() {
        #expect(stamp(1_795_970_994_000_000_000) == "2026-11-29T16:49:54.000000000Z")
        #expect(stamp(0) == "1970-01-01T00:00:00.000000000Z")
    }

    @Test func fullPrecisionIsUnchanged() {
        #expect(stamp(1_795_970_993_728_111_229) == "2026-11-29T16:49:53.728111229Z")
    }
}
