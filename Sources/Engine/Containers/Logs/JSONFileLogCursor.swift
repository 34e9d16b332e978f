// SPDX-License-Identifier: Apache-2.0
// JSONFileLogCursor: the state of one log read. Map: start (open files, take the tail) → read rotated
// files oldest first → read the live file → at its end, with follow: switch on rotation, poll, stop when
// the container has stopped and a last pass found nothing new. Each step reads at most one chunk.

import Glibc

/// One reader's position in a log; `next()` returns the next non-empty batch, nil at the end.
actor JSONFileLogCursor {
    /// How long to wait at the end of a followed log before looking again.
    static let pollInterval = Duration.milliseconds(100)
    /// The most entries handed out at once (a large tail is split).
    static let batchLimit = 8192

    private let path: String
    private let maxFiles: Int
    private let options: LogReadOptions
    private let isRunning: @Sendable () async -> Bool
    private var started = false
    private var finished = false
    private var lastPass = false
    /// Entries read and filtered, not yet handed out.
    private var ready: [LogEntry] = []
    /// Files to read to their end before the live one, oldest first.
    private var backlog: [ForwardLineReader] = []
    private var live: ForwardLineReader?

    init(path: String, maxFiles: Int, options: LogReadOptions, isRunning: @escaping @Sendable () async -> Bool) {
        self.path = path
        self.maxFiles = max(1, maxFiles)
        self.options = options
        self.isRunning = isRunning
    }

    func next() async throws -> [LogEntry]? {
        if !started {
            started = true
            try start()
        }
        while true {
            if !ready.isEmpty { return takeBatch() }
            if finished || Task.isCancelled { return nil }
            if let reader = backlog.first {
                if let entries = try reader.next() {
                    keep(entries)
                } else {
                    if let last = reader.finish() { keep([last]) }
                    backlog.removeFirst()
                }
                continue
            }
            if let live, let entries = try live.next() {
                keep(entries)
                continue
            }
            // At the end of what exists now.
            guard options.follow else {
                finished = true
                continue
            }
            if try followRotation() { continue }
            if lastPass {
                finished = true
                continue
            }
            if let until = options.until, Self.now() > until {
                finished = true
                continue
            }
            // Checked before the last pass, so whatever the container wrote before it stopped is read.
            if await !isRunning() {
                lastPass = true
                continue
            }
            do { try await Task.sleep(for: Self.pollInterval) } catch { return nil }
        }
    }

    /// Opens the live file first, then the rotated ones; a rotated file that is the live one means a
    /// rotation happened in between, so it starts over.
    private func start() throws {
        var liveFile: LogFileHandle?
        var rotated: [LogFileHandle] = []  // newest first
        for _ in 0..<3 {
            liveFile = try LogFileHandle(path: path)
            rotated = []
            for number in 1..<maxFiles {
                if let file = try LogFileHandle(path: "\(path).\(number)") { rotated.append(file) }
            }
            if !rotated.contains(where: { $0.identity == liveFile?.identity }) { break }
        }
        guard let tail = options.tail else {
            backlog = rotated.reversed().map { ForwardLineReader(file: $0) }
            live = liveFile.map { ForwardLineReader(file: $0) }
            return
        }
        var entries: [LogEntry] = []
        var liveEnd: Int64 = 0
        if let liveFile {
            liveEnd = try TailScanner.endOfLastLine(liveFile, size: liveFile.size())
            if tail > 0 { entries = try TailScanner.lastEntries(of: liveFile, end: liveEnd, count: tail) }
            live = ForwardLineReader(file: liveFile, offset: liveEnd)
        }
        for file in rotated where entries.count < tail {
            entries = try TailScanner.lastEntries(of: file, end: file.size(), count: tail - entries.count) + entries
        }
        keep(entries)
        if !options.follow { finished = true }
    }

    /// When the file we read as live has been renamed away: queue it and any newer rotated files to be
    /// read to their end, and take the new live file. True when something changed.
    private func followRotation() throws -> Bool {
        guard let current = live else {
            // No log yet (or the moment between rename and create): start on the file once it exists.
            guard let file = try LogFileHandle(path: path) else { return false }
            live = ForwardLineReader(file: file)
            return true
        }
        guard let now = LogFileHandle.identity(of: path), now != current.file.identity else { return false }
        // Ours is path.k now; path.(k-1) … path.1 were written after it (several rotations in one poll).
        // If ours is gone altogether (rotated off the end), every rotated file is newer than it.
        var newer: [ForwardLineReader] = []
        for number in 1..<maxFiles {
            guard let file = try LogFileHandle(path: "\(path).\(number)") else { continue }
            if file.identity == current.file.identity { break }
            newer.append(ForwardLineReader(file: file))
        }
        backlog = [current] + newer.reversed()
        live = try LogFileHandle(path: path).map { ForwardLineReader(file: $0) }
        return true
    }

    /// Applies the stream and time filters and queues what passes; an entry past `until` ends the read.
    private func keep(_ entries: [LogEntry]) {
        if options.stdout && options.stderr && options.since == nil && options.until == nil {
            ready.append(contentsOf: entries)
            return
        }
        for entry in entries {
            if let until = options.until, entry.timestamp > until {
                finished = true
                return
            }
            if let since = options.since, entry.timestamp < since { continue }
            if entry.stream == .stdout ? options.stdout : options.stderr { ready.append(entry) }
        }
    }

    private func takeBatch() -> [LogEntry] {
        guard ready.count > Self.batchLimit else {
            defer { ready = [] }
            return ready
        }
        let batch = Array(ready.prefix(Self.batchLimit))
        ready.removeFirst(Self.batchLimit)
        return batch
    }

    /// Wall-clock now in Unix nanoseconds (CLOCK_REALTIME), to compare with `until`.
    private static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
