// SPDX-License-Identifier: Apache-2.0
// Proves each C system-library module resolves through pkg-config, links, and is the version the
// code is written against (notes/swift-on-linux.md §1 lists what each version lacks).

import CArchive
import CNghttp2
import COpenSSL
import CSQLite
import CSeccomp
import Testing

@Suite struct SystemLibraryTests {
    @Test func sqliteIsThreadSafe3() {
        #expect(sqlite3_libversion_number() >= 3_040_000)
        #expect(sqlite3_threadsafe() != 0)
    }

    @Test func openSSLIs3() {
        #expect(OpenSSL_version_num() >= 0x3000_0000)
    }

    @Test func nghttp2Links() throws {
        let info = try #require(nghttp2_version(0))
        #expect(info.pointee.version_num >= 0x013400)
    }

    @Test func libarchiveReadsZstd() throws {
        #expect(archive_version_number() >= 3_006_000)
        let reader = try #require(archive_read_new())
        defer { archive_read_free(reader) }
        #expect(archive_read_support_filter_zstd(reader) == ARCHIVE_OK)
    }

    @Test func libseccompResolvesSyscalls() {
        #expect(seccomp_syscall_resolve_name("mkdir") > 0)
        #expect(seccomp_syscall_resolve_name("not_a_syscall") < 0)
    }
}
