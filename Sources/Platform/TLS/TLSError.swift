// SPDX-License-Identifier: Apache-2.0
// OpenSSL failures with the library's own text, read from (and clearing) the thread's error queue.

import COpenSSL

/// A failed OpenSSL call; `message` holds OpenSSL's reason strings.
public struct TLSError: Error, CustomStringConvertible, Sendable {
    /// What was being done and why it failed.
    public let message: String

    /// Wraps a message as is.
    public init(_ message: String) { self.message = message }

    /// Drains the thread's OpenSSL error queue (`ERR_get_error`) into one message.
    public static func fromQueue(_ what: String) -> TLSError {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return TLSError(reasons.isEmpty ? what : "\(what): \(reasons.joined(separator: "; "))")
    }

    /// The message.
    public var description: String { message }
}
