// SPDX-License-Identifier: Apache-2.0
// Every environment knob of berthd, in one place (tailscale's envknob habit). For tests and tuning only.

import Glibc
import HTTP

/// `BERTH_*` environment settings.
enum Knobs {
    /// `BERTH_IDLE_TIMEOUT`: seconds a kept-alive connection may wait for its next request (default 120).
    static var idleTimeout: Double? { seconds("BERTH_IDLE_TIMEOUT") }
    /// `BERTH_HEADER_TIMEOUT`: seconds from a request's first byte to the end of its head (default 30).
    static var headerTimeout: Double? { seconds("BERTH_HEADER_TIMEOUT") }
    /// `BERTH_SHUTDOWN_GRACE`: seconds a graceful stop waits for in-flight requests (default 10).
    static var shutdownGrace: Double? { seconds("BERTH_SHUTDOWN_GRACE") }

    /// Server options with any knobs applied.
    static func serverOptions() -> ServerOptions {
        var options = ServerOptions()
        if let value = idleTimeout { options.idleTimeout = value }
        if let value = headerTimeout { options.headerTimeout = value }
        if let value = shutdownGrace { options.shutdownGrace = value }
        return options
    }

    private static func seconds(_ name: String) -> Double? {
        guard let raw = getenv(name), let value = Double(String(cString: raw)), value > 0 else { return nil }
        return value
    }
}
