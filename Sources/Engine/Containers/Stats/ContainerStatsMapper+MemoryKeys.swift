// SPDX-License-Identifier: Apache-2.0
// The `memory_stats.stats` keys dockerd reports: containerd's metrics carry a fixed field set per cgroup version,
// so every key is always present (0 when the kernel lacks it) and newer kernel keys never appear.

extension ContainerStatsMapper {
    /// v1 `memory.stat` keys, own and hierarchical (`total_*`); the CLI subtracts `total_inactive_file`.
    public static let v1MemoryStatKeys: [String] = {
        let own = [
            "cache", "rss", "rss_huge", "mapped_file", "dirty", "writeback", "pgpgin", "pgpgout", "pgfault", "pgmajfault",
            "inactive_anon", "active_anon", "inactive_file", "active_file", "unevictable",
        ]
        return own + ["hierarchical_memory_limit", "hierarchical_memsw_limit"] + own.map { "total_" + $0 }
    }()

    /// v2 `memory.stat` keys; the CLI subtracts `inactive_file`.
    public static let v2MemoryStatKeys: [String] = [
        "anon", "file", "kernel_stack", "slab", "sock", "shmem", "file_mapped", "file_dirty", "file_writeback", "anon_thp",
        "inactive_anon", "active_anon", "inactive_file", "active_file", "unevictable", "slab_reclaimable",
        "slab_unreclaimable", "pgfault", "pgmajfault", "workingset_refault", "workingset_activate",
        "workingset_nodereclaim", "pgrefill", "pgscan", "pgsteal", "pgactivate", "pgdeactivate", "pglazyfree",
        "pglazyfreed", "thp_fault_alloc", "thp_collapse_alloc",
    ]
}
