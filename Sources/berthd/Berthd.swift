// SPDX-License-Identifier: Apache-2.0
// berthd's command line: dockerd's flag names where they mean the same, so scripts that start dockerd start berthd.

import ArgumentParser
import Dispatch
import Glibc

@main
struct Berthd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berthd", abstract: "A container engine that speaks the Docker Engine API.", version: "berthd 0.1.0")

    @Option(name: [.customShort("H"), .long], help: "Daemon socket(s) to connect to (unix:///path, tcp://host:port)")
    var host: [String] = []

    @Option(name: .customLong("data-root"), help: "Root directory of persistent state (default /var/lib/berth)")
    var dataRoot: String?

    @Option(name: .customLong("exec-root"), help: "Root directory for execution state files (default /run/berth)")
    var execRoot: String?

    @Option(name: [.customShort("p"), .long], help: "Path to use for daemon PID file (default /var/run/berthd.pid)")
    var pidfile: String?

    @Option(name: [.customShort("l"), .customLong("log-level")], help: "Set the logging level (debug, info, warn, error, fatal)")
    var logLevel: String?

    @Flag(name: [.customShort("D"), .long], help: "Enable debug mode")
    var debug = false

    @Option(name: .customLong("config-file"), help: "Daemon configuration file (default /etc/berth/daemon.json)")
    var configFile: String?

    @Option(name: .customLong("insecure-registry"), help: "Enable insecure registry communication")
    var insecureRegistry: [String] = []

    @Option(name: .customLong("registry-mirror"), help: "Preferred registry mirror")
    var registryMirror: [String] = []

    @Option(name: .customLong("label"), help: "Set key=value labels to the daemon")
    var label: [String] = []

    @Option(name: [.customShort("G"), .long], help: "Group for the unix socket (default docker)")
    var group: String?

    @Flag(name: .customLong("tls"), help: "Use TLS; implied by --tlsverify")
    var tls = false

    @Flag(name: .customLong("tlsverify"), help: "Use TLS and verify the remote")
    var tlsverify = false

    @Option(name: .customLong("tlscacert"), help: "Trust certs signed only by this CA")
    var tlscacert: String?

    @Option(name: .customLong("tlscert"), help: "Path to TLS certificate file")
    var tlscert: String?

    @Option(name: .customLong("tlskey"), help: "Path to TLS key file")
    var tlskey: String?

    @Flag(name: .customLong("tokens"), help: "Require bearer tokens (berth token create) on TCP listeners")
    var tokens = false

    @Flag(name: .customLong("insecure-tcp"), help: "Allow a TCP listener with neither TLS nor tokens")
    var insecureTCP = false

    @Option(name: .customLong("default-runtime"), help: "Default OCI runtime for containers (default runc)")
    var defaultRuntime: String?

    @Option(name: .customLong("max-concurrent-downloads"), help: "Maximum concurrent downloads for each pull (default 3)")
    var maxConcurrentDownloads: Int?

    @Option(name: .customLong("max-concurrent-uploads"), help: "Maximum concurrent uploads for each push (default 5)")
    var maxConcurrentUploads: Int?

    @Option(name: .customLong("log-driver"), help: "Default driver for container logs: json-file, local or none (default json-file)")
    var logDriver: String?

    @Option(name: .customLong("log-opt"), help: "Default log driver options (key=value)")
    var logOpt: [String] = []

    @Flag(name: .customLong("init"), help: "Run an init inside containers to forward signals and reap processes")
    var initProcess = false

    @Option(name: .customLong("init-path"), help: "Path to the docker-init binary (default: docker-init, tini-static or tini on PATH)")
    var initPath: String?

    mutating func run() throws {
        let settings: DaemonSettings
        do {
            settings = try DaemonSettings(flags: self)
        } catch {
            Self.fail("\(error)")
        }
        // A synchronous main that waits for the daemon task, not an async main: the async main ends in
        // dispatch_main(), which pthread_exit()s the main thread, and glibc then unwinds that thread's stack
        // through libgcc_s, paging in ~0.6 MiB of berthd's .eh_frame_hdr/.eh_frame that nothing else reads.
        // Nothing in berthd runs on the main actor, so the main thread has nothing else to do.
        let finished = DispatchSemaphore(value: 0)
        Task {
            do {
                try await Daemon(settings: settings).run()
            } catch {
                Self.fail("\(error)")
            }
            finished.signal()
        }
        finished.wait()
    }

    /// Prints dockerd's style of fatal startup message and exits 1.
    static func fail(_ message: String) -> Never {
        let line = "failed to start daemon: \(message)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        Glibc.exit(1)
    }
}
