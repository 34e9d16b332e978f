// SPDX-License-Identifier: Apache-2.0
// Security options of real containers with the docker CLI, read back from inside: capabilities, seccomp (default,
// unconfined, custom profiles), no-new-privileges, masked and read-only paths, --read-only, users and groups,
// --privileged, and working directories that name a file descriptor. Expected values measured on dockerd 20.10.24.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration), .serialized)
struct ContainerSecurityTests {
    /// dockerd's default capability set as /proc shows it (CapEff, CapPrm and CapBnd alike).
    static let defaultCaps = "00000000a80425fb"

    /// `grep`-free read of /proc/self/status fields of a fresh container run with `options`.
    static func status(_ docker: DockerCLI, _ options: [String]) async throws -> String {
        try await docker.output(["run", "--rm"] + options + ["busybox", "cat", "/proc/self/status"])
    }

    @Test func defaultCapabilitiesSeccompAndPrivileges() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let status = try await Self.status(docker, [])
        for field in ["CapEff", "CapPrm", "CapBnd"] {
            #expect(KernelView.statusField(status, field) == Self.defaultCaps, "\(field)\n\(status)\n\(daemon.log)")
        }
        #expect(KernelView.statusField(status, "CapInh") == "0000000000000000", "\(status)")
        #expect(KernelView.statusField(status, "Seccomp") == "2", "\(status)")
        #expect(KernelView.statusField(status, "NoNewPrivs") == "0", "\(status)")

        let added = try await Self.status(docker, ["--cap-add", "NET_ADMIN"])
        #expect(KernelView.statusField(added, "CapEff") == "00000000a80435fb", "\(added)")
        let lowercase = try await Self.status(docker, ["--cap-add", "cap_sys_time", "--cap-drop", "chown"])
        #expect(KernelView.statusField(lowercase, "CapEff") == "00000000aa0425fa", "\(lowercase)")
        let none = try await Self.status(docker, ["--cap-drop", "ALL"])
        #expect(KernelView.statusField(none, "CapEff") == "0000000000000000", "\(none)")
        #expect(KernelView.statusField(none, "CapBnd") == "0000000000000000", "\(none)")
        let onlyOne = try await Self.status(docker, ["--cap-drop", "ALL", "--cap-add", "KILL"])
        #expect(KernelView.statusField(onlyOne, "CapEff") == "0000000000000020", "\(onlyOne)")
        let unknown = try await docker.run(["run", "--rm", "--cap-add", "NOPE", "busybox", "true"])
        #expect(unknown.status.code == 125 && unknown.stderr.contains("unknown capability: \"CAP_NOPE\""), "\(unknown)")

        // Without CAP_CHOWN a root process cannot give a file away.
        let chown = try await docker.run(["run", "--rm", "--cap-drop", "CHOWN", "busybox", "sh", "-c", "touch /f; chown 1000 /f"])
        #expect(chown.status.code == 1 && chown.stderr.contains("Operation not permitted"), "\(chown)")

        let noNew = try await Self.status(docker, ["--security-opt", "no-new-privileges"])
        #expect(KernelView.statusField(noNew, "NoNewPrivs") == "1", "\(noNew)")
        let noNewTrue = try await Self.status(docker, ["--security-opt", "no-new-privileges:true"])
        #expect(KernelView.statusField(noNewTrue, "NoNewPrivs") == "1", "\(noNewTrue)")
        let badOpt = try await docker.run(["run", "--rm", "--security-opt", "bogus=1", "busybox", "true"])
        #expect(badOpt.status.code == 125 && badOpt.stderr.contains("invalid --security-opt"), "\(badOpt)")
    }

    @Test func privilegedGetsEveryCapabilityDevicesAndNoSeccomp() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let run = try await docker.run(["run", "--rm", "--privileged", "busybox", "sh", "-c", "cat /proc/self/status; echo ---; ls /dev"])
        #expect(run.succeeded, "\(run)\n\(daemon.log)")
        let parts = run.stdout.components(separatedBy: "---\n")
        let status = parts.first ?? ""
        // Every capability berthd itself holds (this sandbox lacks some, which dockerd's "all known" set trips over).
        #expect(KernelView.statusField(status, "CapEff") == KernelView.ownBoundingSet(), "\(status)")
        #expect(KernelView.statusField(status, "Seccomp") == "0", "\(status)")
        let devices = Set((parts.last ?? "").split(separator: "\n").map(String.init))
        #expect(devices.contains("kmsg") && devices.contains("loop-control"), "host devices missing: \(devices.sorted())")
        let plain = try await docker.output(["run", "--rm", "busybox", "ls", "/dev"])
        let plainDevices = Set(plain.split(separator: "\n").map(String.init))
        #expect(
            plainDevices == [
                "console", "fd", "full", "mqueue", "null", "ptmx", "pts", "random", "shm", "stderr", "stdin", "stdout", "tty", "urandom",
                "zero",
            ]
                || plainDevices.subtracting(["console"]).count == 14, "\(plainDevices.sorted())")
        // A privileged container may write /sys and mount.
        let mount = try await docker.run([
            "run", "--rm", "--privileged", "busybox", "sh", "-c", "mkdir /tmp/t && mount -t tmpfs t /tmp/t && echo ok",
        ])
        #expect(mount.stdout == "ok\n", "\(mount)")
    }

    @Test func seccompDefaultUnconfinedAndCustomProfiles() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        // The default profile refuses unshare(CLONE_NEWUSER) to a container without CAP_SYS_ADMIN; unconfined allows it.
        let denied = try await docker.run(["run", "--rm", "busybox", "unshare", "-U", "true"])
        #expect(denied.status.code == 1 && denied.stderr.contains("Operation not permitted"), "\(denied)\n\(daemon.log)")
        let allowed = try await docker.run(["run", "--rm", "--security-opt", "seccomp=unconfined", "busybox", "unshare", "-U", "true"])
        #expect(allowed.succeeded, "\(allowed)")
        let unconfined = try await Self.status(docker, ["--security-opt", "seccomp=unconfined"])
        #expect(KernelView.statusField(unconfined, "Seccomp") == "0", "\(unconfined)")

        let directory = try makeTempDirectory("berth-seccomp")
        defer { removeTempDirectory(directory) }
        let profile = directory + "/no-mkdir.json"
        try writeFile(
            profile, #"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO"}]}"#)
        let custom = try await docker.run([
            "run", "--rm", "--security-opt", "seccomp=\(profile)", "busybox", "sh", "-c",
            "mkdir /tmp/d; echo mkdir=$?; touch /tmp/f; echo touch=$?; grep Seccomp: /proc/self/status",
        ])
        #expect(custom.stdout == "mkdir=1\ntouch=0\nSeccomp:\t2\n", "\(custom)\n\(daemon.log)")
        #expect(custom.stderr.contains("Operation not permitted"), "\(custom)")

        let bad = directory + "/bad.json"
        try writeFile(bad, #"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["nosuchcall"],"action":"SCMP_ACT_ERRNO"}]}"#)
        let refused = try await docker.run(["run", "--rm", "--security-opt", "seccomp=\(bad)", "busybox", "true"])
        #expect(refused.status.code == 125 && refused.stderr.contains("nosuchcall"), "\(refused)")
        #expect(!refused.stderr.contains("500"), "\(refused)")
        let none = try await docker.run(["ps", "-a", "-q"])
        #expect(none.stdout.isEmpty, "a refused profile left a container: \(none)")

        let badAction = directory + "/action.json"
        try writeFile(badAction, #"{"defaultAction":"SCMP_ACT_MAYBE","syscalls":[]}"#)
        let action = try await docker.run(["run", "--rm", "--security-opt", "seccomp=\(badAction)", "busybox", "true"])
        #expect(action.status.code == 125 && action.stderr.contains("SCMP_ACT_MAYBE"), "\(action)")
    }

    @Test func maskedAndReadOnlyPathsAndReadOnlyRootfs() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let masked = try await docker.run([
            "run", "--rm", "busybox", "sh", "-c",
            "cat /proc/timer_list | wc -c; cat /proc/keys | wc -c; ls /sys/firmware | wc -l; echo 1 > /proc/sys/vm/drop_caches; echo sys=$?",
        ])
        #expect(masked.stdout == "0\n0\n0\nsys=1\n", "\(masked)\n\(daemon.log)")
        #expect(masked.stderr.contains("Read-only file system"), "\(masked)")
        let hostKeys = readFile("/proc/timer_list")
        #expect(!hostKeys.isEmpty, "the host's /proc/timer_list should not be empty, or the check above proves nothing")

        let privileged = try await docker.output(["run", "--rm", "--privileged", "busybox", "sh", "-c", "cat /proc/timer_list | wc -c"])
        #expect((Int(privileged.trimmed) ?? 0) > 0, "privileged containers see /proc unmasked: \(privileged)")

        let readOnly = try await docker.run([
            "run", "--rm", "--read-only", "busybox", "sh", "-c",
            "touch /x; echo root=$?; touch /tmp/x; echo tmp=$?; touch /dev/shm/x; echo shm=$?; echo h > /etc/hostname; echo etc=$?",
        ])
        #expect(readOnly.stdout == "root=1\ntmp=1\nshm=0\netc=1\n", "\(readOnly)\n\(daemon.log)")
        #expect(readOnly.stderr.contains("Read-only file system"), "\(readOnly)")
        let withTmpfs = try await docker.run([
            "run", "--rm", "--read-only", "--tmpfs", "/tmp", "busybox", "sh", "-c", "touch /tmp/x && echo ok",
        ])
        #expect(withTmpfs.stdout == "ok\n", "\(withTmpfs)")
        let inspect = try await docker.run(["create", "--read-only", "busybox"])
        let id = inspect.stdout.trimmed
        #expect(try await docker.output(["inspect", "-f", "{{.HostConfig.ReadonlyRootfs}}", id]) == "true\n")
    }

    @Test func usersGroupsAndFileDescriptorWorkingDirectories() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let ids = try await docker.output(["run", "--rm", "-u", "1000:10", "--group-add", "4242", "--group-add", "wheel", "busybox", "id"])
        #expect(ids == "uid=1000(tester) gid=10(wheel) groups=10(wheel),4242\n", "\(daemon.log)")
        let named = try await docker.output(["run", "--rm", "-u", "tester:wheel", "busybox", "id"])
        #expect(named == "uid=1000(tester) gid=10(wheel) groups=10(wheel)\n")
        let nobody = try await Self.status(docker, ["-u", "nobody"])
        #expect(KernelView.statusField(nobody, "Uid")?.hasPrefix("65534") == true, "\(nobody)")
        #expect(KernelView.statusField(nobody, "CapEff") == "0000000000000000", "a non-root user has no effective caps: \(nobody)")
        let badGroup = try await docker.run(["run", "--rm", "--group-add", "nosuchgroup", "busybox", "true"])
        #expect(badGroup.status.code != 0 && badGroup.stderr.contains("nosuchgroup"), "\(badGroup)")

        // CVE-2024-21626: a working directory naming an fd is refused before runc (1.1.5 here) sees it.
        for directory in ["/proc/self/fd/3", "/proc/self/fd/7/", "/proc/thread-self/fd/4", "/dev/fd/3"] {
            let run = try await docker.run(["run", "--rm", "-w", directory, "busybox", "pwd"])
            #expect(run.status.code == 125 && run.stderr.contains("must not refer to a file descriptor"), "\(run)")
        }
        let created = try await docker.run(["ps", "-a", "-q"])
        #expect(created.stdout.isEmpty, "refused working directories left containers: \(created)")
        _ = try await docker.startSleeper([], name: "box")
        let exec = try await docker.run(["exec", "-w", "/proc/self/fd/3", "box", "pwd"])
        #expect(exec.status.code != 0 && exec.stderr.contains("must not refer to a file descriptor"), "\(exec)")
        let fine = try await docker.output(["exec", "-w", "/proc", "box", "pwd"])
        #expect(fine == "/proc\n")
    }

    @Test func networkModesAndEtcFiles() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let none = try await docker.output(["run", "--rm", "--network", "none", "busybox", "sh", "-c", "ls /sys/class/net"])
        #expect(none == "lo\n", "\(daemon.log)")
        let hostLinks = Set(((try? FileManager.default.contentsOfDirectory(atPath: "/sys/class/net")) ?? []))
        let host = try await docker.output([
            "run", "--rm", "--network", "host", "busybox", "sh", "-c", "ls /sys/class/net; echo; hostname; cat /etc/hostname",
        ])
        let hostParts = host.components(separatedBy: "\n\n")
        #expect(Set((hostParts.first ?? "").split(separator: "\n").map(String.init)) == hostLinks, "\(host)")
        let hostName = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? ""
        let ownName = readFile("/proc/sys/kernel/hostname").trimmed
        #expect(hostParts.last == "\(ownName)\n\(ownName)\n", "\(host) (\(hostName))")
        let hostNetns = try await docker.output(["run", "--rm", "--network", "host", "busybox", "readlink", "/proc/self/ns/net"])
        #expect(hostNetns.trimmed == (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")), "\(hostNetns)")

        // The default: an own namespace with only lo for now, reported as the `bridge` network.
        let id = try await docker.startSleeper([], name: "def")
        let links = try await docker.output(["exec", "def", "ls", "/sys/class/net"])
        #expect(links.split(separator: "\n").contains("lo"), "\(links)")
        let netns = try await docker.output(["exec", "def", "readlink", "/proc/self/ns/net"])
        #expect(netns.trimmed != hostNetns.trimmed, "\(netns)")
        let mode = try await docker.output([
            "inspect", "-f", "{{.HostConfig.NetworkMode}} {{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}", "def",
        ])
        #expect(mode == "bridge bridge\n", "\(mode)")
        #expect(try await docker.output(["exec", "def", "hostname"]) == String(id.prefix(12)) + "\n")

        let files = try await docker.run([
            "run", "--rm", "--network", "none", "--hostname", "web", "--domainname", "example.com", "--add-host", "db:10.0.0.5",
            "--add-host", "v6:::1", "--dns", "1.1.1.1", "--dns-search", "corp.local", "--dns-option", "ndots:2", "busybox", "sh", "-c",
            "cat /etc/hostname; echo ---; cat /etc/hosts; echo ---; cat /etc/resolv.conf; echo ---; uname -n; cat /proc/sys/kernel/domainname",
        ])
        let expected = """
            web
            ---
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            10.0.0.5\tdb
            ::1\tv6
            ---
            search corp.local
            nameserver 1.1.1.1
            options ndots:2
            ---
            web
            example.com

            """
        #expect(files.stdout == expected, "\(files)\n\(daemon.log)")
        let badHost = try await docker.run(["run", "--rm", "--add-host", "db:notanip", "busybox", "true"])
        #expect(badHost.status.code == 125 && badHost.stderr.contains("invalid IP address in add-host: \"notanip\""), "\(badHost)")
        let hostExtra = try await docker.output([
            "run", "--rm", "--network", "host", "--add-host", "a:1.2.3.4", "busybox", "tail", "-n", "1", "/etc/hosts",
        ])
        #expect(hostExtra == "1.2.3.4\ta\n")
    }
}
