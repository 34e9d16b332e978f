// SPDX-License-Identifier: Apache-2.0
// Test harness for HTTP1RequestDecoder: feeds input in chosen reads and records what comes out.

import Testing

@testable import HTTPCore

/// One decoder output in a form whole runs compare with `==`. The head is flattened to
/// `METHOD target version` plus one `name: value` line per header, because
/// `HTTP1RequestDecoder.Event.==` ignores headers.
enum Step: Equatable {
    case head(String)
    case body(String)
    case end
}

/// How the input is cut into reads.
enum Cut: Sendable {
    /// One read.
    case whole
    /// One read per byte.
    case bytewise
    /// Two reads, split before byte `n`.
    case at(Int)
}

/// Builds decoder limits, keeping the defaults for what is not given.
func limits(requestLine: Int? = nil, headerBytes: Int? = nil, headerCount: Int? = nil) -> HTTP1RequestDecoder.Limits {
    var limits = HTTP1RequestDecoder.Limits()
    if let requestLine { limits.maxRequestLine = requestLine }
    if let headerBytes { limits.maxHeaderBytes = headerBytes }
    if let headerCount { limits.maxHeaderCount = headerCount }
    return limits
}

/// A decoder, its buffer, and every event it has produced, draining after each read as a connection does.
struct DecoderRun {
    var decoder: HTTP1RequestDecoder
    var buffer = ByteBuffer()
    private(set) var events: [HTTP1RequestDecoder.Event] = []

    init(limits: HTTP1RequestDecoder.Limits = .init()) { decoder = HTTP1RequestDecoder(limits: limits) }

    /// Appends one read and takes every event it completes.
    mutating func feed<C: Collection<UInt8>>(_ bytes: C) throws(HTTPParseError) {
        buffer.append(bytes)
        while let event = try decoder.next(&buffer) { events.append(event) }
    }

    mutating func feed(_ text: String) throws(HTTPParseError) { try feed(Array(text.utf8)) }

    /// Reports EOF to the decoder.
    func finish() throws(HTTPParseError) { try decoder.finish(buffer) }

    /// The heads decoded so far.
    var heads: [HTTPRequestHead] {
        events.compactMap { event in
            guard case .head(let head) = event else { return nil }
            return head
        }
    }

    /// The events with adjacent body pieces merged, so runs over different cuts compare equal.
    var steps: [Step] {
        var steps: [Step] = []
        var body: [UInt8]?
        for event in events {
            if case .body(let piece) = event {
                body = (body ?? []) + piece
                continue
            }
            if let pending = body {
                steps.append(.body(String(decoding: pending, as: UTF8.self)))
                body = nil
            }
            if case .head(let head) = event {
                let lines = ["\(head.method) \(head.target) \(head.version)"] + head.headers.map { "\($0.name): \($0.value)" }
                steps.append(.head(lines.joined(separator: "\n")))
            } else {
                steps.append(.end)
            }
        }
        if let pending = body { steps.append(.body(String(decoding: pending, as: UTF8.self))) }
        return steps
    }
}

/// Decodes `input` cut as asked (no EOF).
func decode(_ input: String, cut: Cut = .whole, limits: HTTP1RequestDecoder.Limits = .init()) throws(HTTPParseError) -> DecoderRun {
    let bytes = Array(input.utf8)
    var run = DecoderRun(limits: limits)
    switch cut {
    case .whole:
        try run.feed(bytes)
    case .bytewise:
        for byte in bytes { try run.feed([byte]) }
    case .at(let index):
        try run.feed(bytes[..<index])
        try run.feed(bytes[index...])
    }
    return run
}

/// The error decoding `input` throws, or nil when it decodes (possibly incompletely).
func rejection(_ input: String, cut: Cut = .whole, limits: HTTP1RequestDecoder.Limits = .init()) -> HTTPParseError? {
    do throws(HTTPParseError) {
        _ = try decode(input, cut: cut, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// Expects `input` to be rejected with `error`, whether it arrives in one read or byte by byte.
func expectRejected(
    _ input: String, as error: HTTPParseError, limits: HTTP1RequestDecoder.Limits = .init(),
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for cut in [Cut.whole, .bytewise] {
        #expect(rejection(input, cut: cut, limits: limits) == error, "cut: \(cut)", sourceLocation: sourceLocation)
    }
}
