// SPDX-License-Identifier: Apache-2.0
// The daemon's life: directories, pid file, database, engine, listeners, serving, and a graceful stop on
// SIGTERM/SIGINT (in-flight requests finish, streams end cleanly, the socket file and pid file go away).

import API
import Dispatch
import Engine
import Glibc
import HTTP
import Platform
import Store

/// Wires the daemon together and runs it until a stop signal.
struct Daemon {
    let settings: DaemonSettings

    func run() async throws {
        Log.setLevel(settings.logLevel)
        // OpenSSL writes with write(2); a vanished TLS peer must give EPIPE, not kill the daemon.
        signal(SIGPIPE, SIG_IGN)
        let config = settings.engine
        try Directories.create(config.dataRoot, mode: 0o710)
        try Directories.create(config.execRoot, mode: 0o700)
        if let slash = settings.pidfile.lastIndex(of: "/"), slash != settings.pidfile.startIndex {
            try Directories.create(String(settings.pidfile[..<slash]), mode: 0o755)
        }
        let pidFile = try PidFile(path: settings.pidfile)
        let tls = try settings.tls.map { tls in
            try TLSContext(server: .init(certificateFile: tls.certFile, keyFile: tls.keyFile, caFile: tls.caFile, verifyClients: tls.verify))
        }
        let listeners: [Listener]
        do {
            listeners = try ListenerSetup.bind(settings.hosts, tls: tls, group: settings.group)
        } catch {
            pidFile.remove()
            throw error
        }
        let database = try await Database.open(path: config.dataRoot + "/berth.db")
        let engine = try await Engine(configuration: config, database: database)
        let api = DockerAPI(engine: engine, requireTokens: settings.tokens)
        var options = Knobs.serverOptions()
        options.defaultHeaders = api.commonHeaders
        options.immediateHandler = { head, connection in api.immediate(head, connection) }
        let server = HTTPServer(listeners: listeners, options: options) { request in await api.handle(request) }
        let stop = StopSignals.install()
        server.start()
        for listener in listeners { Log.info("API listen on \(listener.address.replacingPrefix("unix://", with: ""))") }
        Log.info("Daemon has completed initialization", ["version": Engine.version, "data-root": config.dataRoot])

        let signalNumber = await stop.next()
        Log.info("Processing signal '\(signalNumber == SIGINT ? "interrupt" : "terminated")'")
        await engine.events.finishAll()
        await server.shutdown()
        database.close()
        ListenerSetup.removeSocketFiles(settings.hosts)
        pidFile.remove()
        Log.info("Daemon shutdown complete")
    }
}

/// SIGTERM and SIGINT delivered as an async value.
struct StopSignals {
    private let stream: AsyncStream<Int32>
    // The sources must stay alive for as long as the daemon waits.
    private let sources: [any DispatchSourceSignal]

    static func install() -> StopSignals {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGTERM, SIGINT].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        return StopSignals(stream: stream, sources: sources)
    }

    /// The next stop signal's number.
    func next() async -> Int32 {
        for await number in stream { return number }
        return SIGTERM
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
