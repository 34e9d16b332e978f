// SPDX-License-Identifier: Apache-2.0
// Healthchecks: one task per running container that has a check. It waits an interval, runs the probe as
// an exec through the exec shim (so `exec_create`/`exec_start`/`exec_die` appear as with dockerd), reads
// the output from the attach stream, kills the probe at the timeout, and feeds the result to
// HealthStatusMachine. The task ends when the container exits (processExited) or the daemon detaches; the
// next start begins a new one with the status back at `starting`.

import Glibc
import Models
import Platform
import ShimProtocol

extension ContainerService {
    /// Starts probing `id` if it has a healthcheck (after start, and after re-adopting it).
    func startHealthMonitor(_ id: String) {
        stopHealthMonitor(id)
        guard let container = containers[id], let plan = HealthcheckPlan(container.spec.config) else { return }
        let startedAt = container.state.startedAt
        healthMonitors[id] = Task {
            await self.probeLoop(id, plan: plan, startedAt: startedAt)
        }
    }

    /// Stops probing `id`; a probe in flight has its result dropped.
    func stopHealthMonitor(_ id: String) {
        healthMonitors.removeValue(forKey: id)?.cancel()
    }

    private func probeLoop(_ id: String, plan: HealthcheckPlan, startedAt: Int64) async {
        while !Task.isCancelled {
            let status = containers[id]?.state.health
            let wait = plan.nextInterval(sinceStart: EventBus.nowNanos() - startedAt, status: status)
            try? await Task.sleep(for: .nanoseconds(wait))
            if Task.isCancelled { return }
            let result = await probe(id, plan: plan)
            if Task.isCancelled { return }
            await recordProbe(id, result, plan: plan)
        }
    }

    /// Writes one result and emits `health_status: <status>` when the status changed (moby's action text).
    private func recordProbe(_ id: String, _ result: HealthProbeResult, plan: HealthcheckPlan) async {
        guard let container = containers[id], container.state.status == .running || container.state.status == .paused else { return }
        var state = container.state
        let changed = HealthStatusMachine.apply(result, to: &state, retries: plan.retries, startPeriod: plan.startPeriod)
        guard let saved = try? await updateState(id, { $0 = state }) else { return }
        if let changed { await publish("health_status: " + changed, saved) }
    }

    /// Runs the probe once. Any failure to run it is a result too: exit code -1 with the error text.
    private func probe(_ id: String, plan: HealthcheckPlan) async -> HealthProbeResult {
        let start = EventBus.nowNanos()
        let deadline = Deadline.after(seconds: Double(plan.timeout) / 1e9)
        var execID: String?
        defer { if let execID { execs.removeValue(forKey: execID) } }
        do {
            let created = try await createExec(id, config: ExecConfig(attachStdout: true, attachStderr: true, cmd: plan.command))
            execID = created
            let started = try await startExec(created, detach: false, tty: false, consoleSize: nil)
            guard let stream = started.connection else { throw EngineError.system("healthcheck exec has no output stream") }
            defer { stream.close() }
            var output = ProbeOutput()
            let finished = await Self.readOutput(stream, into: &output, until: deadline)
            if !finished {
                // dockerd kills the probe and reports -1 with its own text, the output so far appended.
                _ = try? await ShimClient(stateDirectory: paths.execDirectory + "/" + created).request(.signal(SIGKILL))
                let limit = "Health check exceeded timeout (\(GoDurationText.text(nanos: plan.timeout)))"
                let text = output.text
                return HealthProbeResult(start: start, end: EventBus.nowNanos(), exitCode: -1, output: text.isEmpty ? limit : limit + ": " + text)
            }
            let code = await execExitCode(created)
            return HealthProbeResult(start: start, end: EventBus.nowNanos(), exitCode: code.map(Int.init) ?? -1, output: output.text)
        } catch {
            let text = (error as? EngineError)?.message ?? "\(error)"
            return HealthProbeResult(start: start, end: EventBus.nowNanos(), exitCode: -1, output: text)
        }
    }

    /// Reads frames until the shim closes the stream (the probe ended): false when `deadline` came first.
    private static func readOutput(_ stream: any ByteStream, into output: inout ProbeOutput, until deadline: Deadline) async -> Bool {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            do {
                let count = try await stream.read(into: buffer, until: deadline)
                if count == 0 { return true }
                output.append(buffer[..<count])
            } catch {
                // A read past the deadline is the timeout; any other error ends the output early.
                return !deadline.hasPassed
            }
        }
    }

    /// The exec's exit code once its monitor recorded it (the attach stream closes just before).
    private func execExitCode(_ execID: String) async -> Int32? {
        for _ in 0..<400 {
            if let code = execs[execID]?.exitCode { return code }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }
}
