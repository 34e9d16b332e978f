// SPDX-License-Identifier: Apache-2.0
// Parses `ps` output into `docker top`'s titles and rows, keeping only a container's processes.

import Models

/// Pure parsing of `ps` text (moby `parsePSOutput`): the header gives the titles; each row is split on ASCII
/// whitespace, with the fields past the last title joined by one space (the command keeps its arguments).
public enum PSOutputParser {
    /// Rows of `output` whose PID is in `pids`. Thread rows (`ps -L`/`m`, PID shown as `-`) stay with the
    /// process above them. Throws `.system("Couldn't find PID field in ps output")` when no title is `PID`.
    public static func parse(_ output: String, pids: Set<Int32>) throws(EngineError) -> ContainerTopResponse {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        let titles = fields(lines.first ?? "")
        guard let pidIndex = titles.firstIndex(of: "PID") else {
            throw .system("Couldn't find PID field in ps output")
        }
        var processes: [[String]] = []
        var previousKept = false
        for line in lines.dropFirst() where !line.isEmpty {
            let columns = fields(line)
            guard pidIndex < columns.count else { continue }
            let pidText = columns[pidIndex]
            if pidText == "-" {
                if previousKept { processes.append(row(columns, titleCount: titles.count)) }
                continue
            }
            guard let pid = Int32(pidText) else {
                throw .system("Unexpected pid '\(pidText)': strconv.Atoi: parsing \"\(pidText)\": invalid syntax")
            }
            previousKept = pids.contains(pid)
            if previousKept { processes.append(row(columns, titleCount: titles.count)) }
        }
        return ContainerTopResponse(titles: titles, processes: processes)
    }

    /// Splits on ASCII whitespace only (tab, newline, form feed, carriage return, space): a command with a
    /// non-breaking space must not gain columns.
    static func fields<Line: StringProtocol>(_ line: Line) -> [String] {
        line.utf8.split(whereSeparator: { [9, 10, 12, 13, 32].contains($0) }).map { String(decoding: $0, as: UTF8.self) }
    }

    /// One row with exactly `titleCount` columns: the overhanging fields joined into the last one.
    static func row(_ columns: [String], titleCount: Int) -> [String] {
        guard titleCount > 0 else { return columns }
        var row = Array(columns.prefix(titleCount - 1))
        while row.count < titleCount - 1 { row.append("") }
        row.append(columns.dropFirst(titleCount - 1).joined(separator: " "))
        return row
    }
}
