// SPDX-License-Identifier: Apache-2.0
// General posix_spawn: never forks from Swift (DESIGN.md), lays out the child's descriptors exactly
// as asked and closes everything else, so no daemon socket or pipe leaks into a container process.

import CShims
import Glibc

/// Starts programs with `posix_spawn` according to `SpawnOptions`.
public enum Spawner {
    /// Spawns `path` with `arguments` (argv[0] = `path` is added) and returns its pid; the caller reaps it.
    public static func spawn(_ path: String, arguments: [String] = [], options: SpawnOptions = SpawnOptions()) throws -> pid_t {
        let call = "spawn \(path)"
        var actions = posix_spawn_file_actions_t()
        try check(posix_spawn_file_actions_init(&actions), call)
        defer { posix_spawn_file_actions_destroy(&actions) }
        try addDescriptorActions(&actions, options, call)
        if let directory = options.workingDirectory {
            try check(cshim_spawn_addchdir(&actions, directory), call)
        }
        var attributes = posix_spawnattr_t()
        try check(posix_spawnattr_init(&attributes), call)
        defer { posix_spawnattr_destroy(&attributes) }
        // Children start with default signal handling and an empty mask: the daemon ignores SIGPIPE.
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        if options.newSession { flags |= cshim_spawn_setsid_flag() }
        try check(posix_spawnattr_setflags(&attributes, Int16(flags)), call)

        let argv = ([path] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        let envp = options.environment.map { $0.map { strdup($0) } }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        var argumentVector = argv + [nil]
        var environmentVector = (envp ?? []) + [nil]
        let rc = argumentVector.withUnsafeMutableBufferPointer { args -> Int32 in
            environmentVector.withUnsafeMutableBufferPointer { env -> Int32 in
                guard let argBase = args.baseAddress, let envBase = env.baseAddress else { return EINVAL }
                return posix_spawn(&pid, path, &actions, &attributes, argBase, envp == nil ? cshim_environ() : envBase)
            }
        }
        try check(rc, call)
        // Keep the passed descriptors alive until the child has its copies.
        withExtendedLifetime(options) {}
        return pid
    }

    /// Stages every source fd above all numbers involved, then dup2s into place (clearing
    /// close-on-exec even when source == target), then closes everything from the first free number.
    private static func addDescriptorActions(
        _ actions: inout posix_spawn_file_actions_t, _ options: SpawnOptions, _ call: String
    ) throws(Errno) {
        let standard = [options.standardInput, options.standardOutput, options.standardError]
        var sources: [(source: Int32, target: Int32)] = []
        for (target, descriptor) in standard.enumerated() {
            if case .descriptor(let fd) = descriptor { sources.append((fd.rawValue, Int32(target))) }
        }
        for (index, fd) in options.extraDescriptors.enumerated() { sources.append((fd.rawValue, Int32(3 + index))) }
        let firstFree = Int32(3 + options.extraDescriptors.count)
        let staging = max(firstFree, (sources.map(\.source).max() ?? 0) + 1)
        for (index, pair) in sources.enumerated() {
            try check(posix_spawn_file_actions_adddup2(&actions, pair.source, staging + Int32(index)), call)
        }
        for (target, descriptor) in standard.enumerated() {
            guard case .null = descriptor else { continue }
            let mode = target == 0 ? O_RDONLY : O_WRONLY
            try check(posix_spawn_file_actions_addopen(&actions, Int32(target), "/dev/null", mode, 0), call)
        }
        for (index, pair) in sources.enumerated() {
            try check(posix_spawn_file_actions_adddup2(&actions, staging + Int32(index), pair.target), call)
        }
        try check(cshim_spawn_addclosefrom(&actions, firstFree), call)
    }

    private static func check(_ rc: Int32, _ call: String) throws(Errno) {
        if rc != 0 { throw Errno(rc, call) }
    }
}
