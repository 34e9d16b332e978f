// SPDX-License-Identifier: Apache-2.0
// berth-shim: the per-container monitor (ShimProtocol describes its contract). Reads the command line,
// sets up, reports `ready` or `error …` on fd 3, then runs the loop until the process is gone.

import CShimSupport
import Glibc
import ShimProtocol

/// The ready pipe from berthd.
let readyFD: Int32 = 3

/// Writes one reply line to the ready pipe and closes it.
func report(_ reply: ShimReply) {
    SystemCalls.writeAll(readyFD, Array((reply.line + "\n").utf8))
    close(readyFD)
}

// The ready pipe must not leak into the runtime or the container. Without one, hold fd 3 on /dev/null
// so no later descriptor takes the number that `report` writes to and closes.
if fcntl(readyFD, F_SETFD, FD_CLOEXEC) != 0 {
    let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
    if null >= 0 && null != readyFD {
        dup2(null, readyFD)
        close(null)
    }
}
// A client that goes away must not kill us, nor the daemon's session ending.
signal(SIGPIPE, SIG_IGN)
signal(SIGHUP, SIG_IGN)

let arguments: ShimArguments
do {
    arguments = try ShimArguments(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    report(.error("berth-shim: \(error.message)"))
    exit(2)
}
let shim = Shim(arguments: arguments)
if let failure = shim.setUp() {
    report(.error(failure.message))
    unlink(arguments.stateDirectory + "/" + ShimFiles.socket)
    exit(1)
}
report(.ready)
shim.releaseStartupMemory()
shim.run()
