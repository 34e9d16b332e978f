// SPDX-License-Identifier: Apache-2.0
// /etc/hostname, /etc/hosts and /etc/resolv.conf against what dockerd 20.10.24 wrote for the same flags.

import Foundation
import Testing

@testable import Engine

@Suite struct EtcFilesTests {
    let loopback = """
        127.0.0.1\tlocalhost
        ::1\tlocalhost ip6-localhost ip6-loopback
        fe00::0\tip6-localnet
        ff00::0\tip6-mcastprefix
        ff02::1\tip6-allnodes
        ff02::2\tip6-allrouters

        """

    @Test func hostnameFile() {
        #expect(EtcFiles.hostname("02d0e929db8a") == "02d0e929db8a\n")
    }

    @Test func isolatedHostsWithExtraHostsAsDockerd() throws {
        // dockerd: --network none --add-host a:1.2.3.4 --add-host b:::1
        let extra = try EtcFiles.parseExtraHosts(["a:1.2.3.4", "b:::1"])
        let text = EtcFiles.hosts(mode: .isolated, hostname: "myhost", extraHosts: extra, hostFile: "1.1.1.1 hostfile\n")
        #expect(text == loopback + "1.2.3.4\ta\n::1\tb\n")
        #expect(EtcFiles.hosts(mode: .isolated, hostname: "x") == loopback)
    }

    @Test func ownAddressLineComesLastWithDomain() {
        let text = EtcFiles.hosts(mode: .isolated, hostname: "web", domainname: "example.com", address: "172.17.0.2")
        #expect(text.hasSuffix("ff02::2\tip6-allrouters\n172.17.0.2\tweb.example.com web\n"))
        #expect(EtcFiles.hosts(mode: .isolated, hostname: "web", address: "10.0.0.5").hasSuffix("\n10.0.0.5\tweb\n"))
    }

    @Test func hostModeCopiesUnlessExtraHosts() throws {
        let hostFile = "127.0.0.1 localhost\n127.0.0.1 vm\n"
        #expect(EtcFiles.hosts(mode: .host, hostname: "vm", address: "1.2.3.4", hostFile: hostFile) == hostFile)
        let extra = try EtcFiles.parseExtraHosts(["a:1.2.3.4"])
        #expect(EtcFiles.hosts(mode: .host, hostname: "vm", extraHosts: extra, hostFile: hostFile) == loopback + "1.2.3.4\ta\n")
    }

    @Test func addHostForms() throws {
        let hosts = try EtcFiles.parseExtraHosts(["x=1.2.3.4", "y:[::1]", "z=[fe80::1]", "gw:host-gateway"], hostGateway: "172.17.0.1")
        #expect(hosts.map(\.name) == ["x", "y", "z", "gw"])
        #expect(hosts.map(\.address) == ["1.2.3.4", "::1", "fe80::1", "172.17.0.1"])
    }

    @Test(arguments: [
        ("bad:x", "invalid IP address in add-host: \"x\""),
        ("x:1.2.3.4:5", "invalid IP address in add-host: \"1.2.3.4:5\""),
        ("noip", "bad format for add-host: \"noip\""),
        (":1.2.3.4", "bad format for add-host: \":1.2.3.4\""),
        ("h:host-gateway", "unable to derive the IP value for host-gateway"),
        ("q:\"", "invalid IP address in add-host: \"\\\"\""),
    ])
    func addHostErrorsAsDockerd(value: String, message: String) {
        #expect(throws: EngineError.invalidParameter(message)) { try EtcFiles.parseExtraHosts([value]) }
    }

    @Test func resolvConfFiltersLocalhostAndFallsBack() {
        let host = "# comment\nnameserver 127.0.0.1\nnameserver 10.255.255.53\nnameserver ::1\nsearch lan\noptions edns0\n"
        #expect(EtcFiles.resolvConf(mode: .isolated, hostFile: host) == "# comment\nnameserver 10.255.255.53\nsearch lan\noptions edns0\n")
        let onlyLocal = "nameserver 127.0.0.53\nnameserver 2001:db8::1\n"
        #expect(EtcFiles.resolvConf(mode: .isolated, hostFile: onlyLocal) == "nameserver 8.8.8.8\nnameserver 8.8.4.4\n")
        #expect(
            EtcFiles.resolvConf(mode: .isolated, hostFile: onlyLocal, ipv6: true)
                == "nameserver 2001:db8::1\n")
        #expect(
            EtcFiles.resolvConf(mode: .isolated, hostFile: "nameserver 127.0.0.1\n", ipv6: true)
                == "nameserver 8.8.8.8\nnameserver 8.8.4.4\nnameserver 2001:4860:4860::8888\nnameserver 2001:4860:4860::8844\n")
        #expect(EtcFiles.resolvConf(mode: .host, hostFile: onlyLocal) == onlyLocal)
    }

    @Test func resolvConfOverridesAsDockerd() {
        let host = "nameserver 10.255.255.53\nsearch lan\noptions edns0\n"
        // dockerd: --dns 127.0.0.1 --dns 9.9.9.9 --dns-search foo.com --dns-search bar.org --dns-option ndots:2
        #expect(
            EtcFiles.resolvConf(
                mode: .isolated, hostFile: host, dns: ["127.0.0.1", "9.9.9.9"], dnsSearch: ["foo.com", "bar.org"], dnsOptions: ["ndots:2"])
                == "search foo.com bar.org\nnameserver 127.0.0.1\nnameserver 9.9.9.9\noptions ndots:2\n")
        // --dns-search x.com alone keeps the host's nameservers and options.
        #expect(
            EtcFiles.resolvConf(mode: .isolated, hostFile: host, dnsSearch: ["x.com"])
                == "search x.com\nnameserver 10.255.255.53\noptions edns0\n")
        // --dns-search . means no search line.
        #expect(EtcFiles.resolvConf(mode: .isolated, hostFile: host, dnsSearch: ["."]) == "nameserver 10.255.255.53\noptions edns0\n")
        // Host mode with --dns: dockerd 20.10.24 wrote just the nameserver.
        #expect(EtcFiles.resolvConf(mode: .host, hostFile: "nameserver 10.255.255.53\n", dns: ["1.1.1.1"]) == "nameserver 1.1.1.1\n")
    }

    @Test func systemdResolvedStubIsSkipped() {
        #expect(
            EtcFiles.hostResolvConfPath(etcResolvConf: "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n")
                == "/run/systemd/resolve/resolv.conf")
        #expect(EtcFiles.hostResolvConfPath(etcResolvConf: "nameserver 127.0.0.53\nnameserver 1.1.1.1\n") == "/etc/resolv.conf")
        #expect(EtcFiles.hostResolvConfPath(etcResolvConf: nil) == "/etc/resolv.conf")
    }

    @Test func writerPutsThreeFilesWithMode0644() throws {
        let directory = NSTemporaryDirectory() + "berth-etc-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try EtcFiles.write(EtcFiles.Contents(hostname: "h\n", hosts: loopback, resolvConf: "nameserver 1.1.1.1\n"), to: directory)
        #expect(try String(contentsOfFile: directory + "/hosts", encoding: .utf8) == loopback)
        #expect(try String(contentsOfFile: directory + "/hostname", encoding: .utf8) == "h\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/resolv.conf")
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["hostname", "hosts", "resolv.conf"])
        let sources = EtcFiles.readHostSources()
        #expect(sources.hosts.contains("localhost"))
    }
}
