// SPDX-License-Identifier: Apache-2.0
// Aligned columns for list output, laid out as the docker CLI's tabwriter does.

/// Column layout as Go's tabwriter with docker's settings (minimum width 10, padding 3).
enum TextTable {
    /// The rows as aligned text, one line per row, the last column unpadded.
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], max(10, cell.count + 3)) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined()
        }.joined(separator: "\n")
    }
}
