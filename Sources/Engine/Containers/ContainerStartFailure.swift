// SPDX-License-Identifier: Apache-2.0
// What a failed start means for the client: the runtime's text wrapped as dockerd wraps it, the status
// code, and the exit code recorded on the container (127 command not found, 126 not executable) — the
// docker CLI turns the same substrings into its own exit status.

/// A start failure, classified.
struct ContainerStartFailure {
    /// The error for the API.
    let error: EngineError
    /// The exit code recorded on the container.
    let exitCode: Int32

    /// Classifies the runtime's message.
    init(runtimeMessage: String) {
        let message = "failed to create task for container: OCI runtime create failed: \(runtimeMessage): unknown"
        let lower = runtimeMessage.lowercased()
        if lower.contains("executable file not found") || lower.contains("no such file or directory") {
            exitCode = 127
            error = .invalidParameter(message)
        } else if lower.contains("permission denied") {
            exitCode = 126
            error = .invalidParameter(message)
        } else {
            exitCode = 128
            error = .system(message)
        }
    }
}
