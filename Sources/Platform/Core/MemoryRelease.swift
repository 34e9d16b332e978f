// SPDX-License-Identifier: Apache-2.0
// Gives freed heap memory back to the kernel after a large transfer (glibc keeps it otherwise).

import CShims

/// Heap housekeeping.
public enum MemoryRelease {
    /// Returns free heap pages to the kernel (malloc_trim(3)); call after pulls, pushes and loads, whose
    /// buffers would otherwise keep the daemon's resident size at its peak.
    public static func returnFreePages() {
        _ = cshim_malloc_trim()
    }
}
