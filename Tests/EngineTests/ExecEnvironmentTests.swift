// SPDX-License-Identifier: Apache-2.0
// The environment of an exec process: TERM follows the exec's tty, exec entries win per key.

import Testing

@testable import Engine

@Suite struct ExecEnvironmentTests {
    let base = ["PATH=/usr/bin:/bin", "HOSTNAME=abc", "TERM=xterm", "A=1", "HOME=/root"]

    @Test func termIsDroppedForAnExecWithoutTTYInATTYContainer() {
        let env = ContainerService.execEnvironment(process: base, containerEnv: ["A=1"], exec: [], tty: false)
        #expect(env == ["PATH=/usr/bin:/bin", "HOSTNAME=abc", "A=1", "HOME=/root"])
    }

    @Test func termIsAddedForAnExecWithTTYInAPlainContainer() {
        let plain = base.filter { !$0.hasPrefix("TERM=") }
        let env = ContainerService.execEnvironment(process: plain, containerEnv: [], exec: [], tty: true)
        #expect(env == ["PATH=/usr/bin:/bin", "HOSTNAME=abc", "TERM=xterm", "A=1", "HOME=/root"])
    }

    @Test func termFromTheContainerConfigStays() {
        let own = ["PATH=/usr/bin:/bin", "TERM=vt100"]
        #expect(ContainerService.execEnvironment(process: own, containerEnv: ["TERM=vt100"], exec: [], tty: false) == own)
        #expect(ContainerService.execEnvironment(process: own, containerEnv: ["TERM=vt100"], exec: [], tty: true) == own)
    }

    @Test func execEntriesReplaceOrAppend() {
        let env = ContainerService.execEnvironment(process: base, containerEnv: [], exec: ["A=2", "B=3", "TERM=dumb"], tty: true)
        #expect(env == ["PATH=/usr/bin:/bin", "HOSTNAME=abc", "TERM=dumb", "A=2", "HOME=/root", "B=3"])
    }
}
