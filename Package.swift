// swift-tools-version: 6.0
// SPDX-License-Identifier: Apache-2.0
// Berth: a container engine that speaks the Docker Engine API. Layers: see ../shared/STYLE.md §1.

import PackageDescription

let strict: [SwiftSetting] = [
    .unsafeFlags(["-warnings-as-errors"]),
    // One section per function in release builds, so the linker can drop dead functions and place berthd's
    // start-up functions together (scripts/berthd.order, below).
    .unsafeFlags(["-Xfrontend", "-function-sections"], .when(configuration: .release)),
]

// berthd's release link, for a smaller idle RSS with PIE and RELRO kept:
// - lld with `-z pack-relative-relocs` (DT_RELR, glibc >= 2.36): the ~48,000 relative relocations of a PIE
//   shrink from a 1.1 MiB `.rela.dyn` that ld.so reads whole at every start to ~10 KiB of bitmaps (gold, the
//   default linker, cannot emit DT_RELR).
// - `--no-export-dynamic` undoes the `-export-dynamic` of the toolchain's static-stdlib-args.lnk: nothing
//   looks up berthd's own symbols at run time, and exporting them costs ~0.5 MiB of .dynsym/.dynstr/.gnu.hash.
// - `--symbol-ordering-file`: the functions berthd runs from exec to idle, serving the requests every client sends
//   first (~3,500 functions, ~1 MiB, listed by scripts/startup-order), are laid out together instead of spread
//   over 12.7 MiB of .text, where each first call faults in a 64 KiB block. Names no longer in the binary are
//   skipped; a stale list costs memory, not behaviour.
let releaseDaemonLink: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic",
            "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/scripts/berthd.order",
            "-Xlinker", "--no-warn-symbol-ordering",
        ],
        .when(platforms: [.linux], configuration: .release))
]

let package = Package(
    name: "Berth",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "berthd", targets: ["berthd"]),
        .executable(name: "berth", targets: ["berth"]),
        .executable(name: "berth-unpack", targets: ["berth-unpack"]),
        .executable(name: "berth-shim", targets: ["berth-shim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // C layer: system libraries through pkg-config, plus fixed-signature helpers.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CNghttp2", pkgConfig: "libnghttp2", providers: [.apt(["libnghttp2-dev"])]),
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CSeccomp", pkgConfig: "libseccomp", providers: [.apt(["libseccomp-dev"])]),
        .target(name: "CShims", dependencies: ["COpenSSL"]),
        // berth-shim's own C helpers (prctl, SCM_RIGHTS, TIOCSWINSZ): no OpenSSL, unlike CShims.
        .target(name: "CShimSupport"),

        // Platform and persistence.
        .target(name: "Platform", dependencies: ["CShims", "COpenSSL", "CSeccomp"], swiftSettings: strict),
        // Layer tar streams through libarchive. Only berth-unpack links it: the daemon stays free of
        // libarchive and its dependency chain (libxml2, ICU, nettle, ...: ~2 MiB of resident memory),
        // and extraction runs in a child process chrooted into the layer (as moby's docker-untar).
        .target(name: "Archive", dependencies: ["Platform", "CArchive", "CShims"], swiftSettings: strict),
        .target(name: "Store", dependencies: ["Platform", "CSQLite"], swiftSettings: strict),

        // HTTP, knowing nothing of Docker.
        .target(name: "HTTPCore", dependencies: ["Platform"], swiftSettings: strict),
        .target(name: "HTTP", dependencies: ["HTTPCore", "Platform"], swiftSettings: strict),
        .target(name: "HTTPClient", dependencies: ["HTTPCore", "Platform"], swiftSettings: strict),

        // Engine side.
        .target(name: "Models", swiftSettings: strict),
        // The berthd <-> berth-shim wire contract; no dependencies, so the shim stays small.
        .target(name: "ShimProtocol", swiftSettings: strict),
        .target(name: "Engine", dependencies: ["Models", "Store", "Platform", "HTTPClient", "HTTPCore", "ShimProtocol"], swiftSettings: strict),
        .target(name: "API", dependencies: ["HTTP", "HTTPCore", "Engine", "Models", "Platform", "ShimProtocol"], swiftSettings: strict),

        // Executables.
        .executableTarget(
            name: "berthd",
            dependencies: ["API", "HTTP", "Engine", "Store", "Platform", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict, linkerSettings: releaseDaemonLink),
        .executableTarget(name: "berth-unpack", dependencies: ["Archive", "Platform"], swiftSettings: strict),
        // One per container; outlives berthd. Only Glibc and the protocol: every resident byte counts.
        .executableTarget(name: "berth-shim", dependencies: ["ShimProtocol", "CShimSupport"], swiftSettings: strict),
        .executableTarget(
            name: "berth",
            dependencies: ["HTTPClient", "HTTPCore", "Platform", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),

        // Tests.
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "Platform", "CArchive"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "HTTPCore", "HTTPClient", "Platform"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient", "HTTPCore", "Platform"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Store", "Models", "Platform", "HTTPClient", "HTTPCore", "ShimProtocol"]),
        .testTarget(name: "ShimProtocolTests", dependencies: ["ShimProtocol"]),
        .testTarget(name: "APITests", dependencies: ["API", "HTTP", "HTTPCore", "Engine", "Models", "Store"]),
        .testTarget(name: "LayeringTests"),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CSQLite", "COpenSSL", "CNghttp2", "CArchive", "CSeccomp"]),
        .testTarget(name: "IntegrationTests", dependencies: ["HTTPClient", "HTTPCore", "Platform"]),
    ],
    swiftLanguageModes: [.v6]
)
