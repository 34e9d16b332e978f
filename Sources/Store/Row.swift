// SPDX-License-Identifier: Apache-2.0
// Row: one materialized result row, read by column index or by column name.

/// One result row; every row of a query shares the same `columns` array (copy-on-write, so no per-row copy).
public struct Row: Sendable, Equatable {
    /// Column names as SQLite reports them (`sqlite3_column_name`).
    public let columns: [String]
    /// Values in column order.
    public let values: [SQLValue]

    /// Builds a row; used by the statement reader and by tests.
    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value at `index`, or `.null` when out of range (a missing column reads as NULL, never a crash).
    public subscript(index: Int) -> SQLValue {
        values.indices.contains(index) ? values[index] : .null
    }

    /// The value of the first column named `name`, or `.null` when there is none.
    public subscript(name: String) -> SQLValue {
        guard let index = columns.firstIndex(of: name) else { return .null }
        return self[index]
    }

    /// The integer at `index`, nil if NULL or not an integer.
    public func int(_ index: Int) -> Int64? { self[index].int64 }
    /// The integer in column `name`, nil if NULL or not an integer.
    public func int(_ name: String) -> Int64? { self[name].int64 }
    /// The double at `index` (integers widen).
    public func double(_ index: Int) -> Double? { self[index].double }
    /// The double in column `name` (integers widen).
    public func double(_ name: String) -> Double? { self[name].double }
    /// The text at `index`, nil if NULL or not text.
    public func string(_ index: Int) -> String? { self[index].string }
    /// The text in column `name`, nil if NULL or not text.
    public func string(_ name: String) -> String? { self[name].string }
    /// The bytes at `index`, nil if NULL or not a blob.
    public func blob(_ index: Int) -> [UInt8]? { self[index].blob }
    /// The bytes in column `name`, nil if NULL or not a blob.
    public func blob(_ name: String) -> [UInt8]? { self[name].blob }
}
