// SPDX-License-Identifier: Apache-2.0
// What the command prints when it fails, in the docker CLI's words, and the wrapper that prints it.

import ArgumentParser
import Glibc
import HTTPClient

/// A failure reported to the user on stderr with exit status 1.
enum CLIError: Error {
    /// The daemon answered with an error; `message` is its `{"message": …}`.
    case daemon(String)
    /// Nothing answered at `host`.
    case cannotConnect(host: String)
    /// Any other failure, printed as is.
    case failure(String)

    /// The line printed to stderr.
    var message: String {
        switch self {
        case .daemon(let message): "Error response from daemon: \(message)"
        case .cannotConnect(let host): "Cannot connect to the Berth daemon at \(host). Is berthd running?"
        case .failure(let message): message
        }
    }

    /// Runs a command body; prints any failure as the docker CLI would and exits 1.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CLIError {
            Console.error(error.message)
            throw ExitCode.failure
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}

/// Writing to the standard streams, unbuffered so stdout and stderr lines keep their order.
enum Console {
    /// Writes `line` and a newline to stdout.
    static func out(_ line: String) { write(1, line + "\n") }

    /// Writes `line` and a newline to stderr.
    static func error(_ line: String) { write(2, line + "\n") }

    private static func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            offset += count
        }
    }
}
