// SPDX-License-Identifier: Apache-2.0
// berth-shim: the per-container monitor (ShimProtocol describes its contract). Placeholder until the shim lands.

import Glibc
import ShimProtocol

do {
    _ = try ShimArguments(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    print("berth-shim: \(error.message)")
    exit(2)
}
exit(1)
