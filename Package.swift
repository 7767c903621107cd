// swift-tools-version:6.1
import PackageDescription

// Layers, each importing only the ones below it:
//   anpei (CLI) → AnpeiAPI (HTTP) → AnpeiService (use cases, auth, audit)
//   → AnpeiStore (libpq) → AnpeiDomain (pure rules, no I/O).
// AnpeiWire (request/response bodies) sits beside the domain: the service
// speaks it, the API encodes it, the CLI client decodes it.
// CLibPQ and CArgon2 are imported by one thin Swift wrapper each (AnpeiPostgres, the
// service's PasswordHasher).
let package = Package(
    name: "anpei",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "anpei", targets: ["anpei"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        .target(name: "AnpeiDomain"),
        // The JSON contract: request and response bodies as the API and the CLI
        // client see them. Store records never reach the wire; the service maps.
        .target(name: "AnpeiWire", dependencies: ["AnpeiDomain"]),
        // The libpq wrapper: connections, pool, typed values, SQL interpolation.
        // Knows nothing of anpei's tables.
        .target(
            name: "AnpeiPostgres",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "AnpeiStore",
            dependencies: [
                "AnpeiPostgres",
                "AnpeiDomain",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "AnpeiService",
            dependencies: [
                "CArgon2",
                "AnpeiDomain",
                "AnpeiWire",
                "AnpeiStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "AnpeiAPI",
            dependencies: [
                "AnpeiDomain",
                "AnpeiWire",
                "AnpeiService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/openapi.yaml")]
        ),
        .executableTarget(
            name: "anpei",
            dependencies: [
                "AnpeiAPI",
                "AnpeiService",
                "AnpeiStore",
                "AnpeiDomain",
                "AnpeiWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Shared test helpers (a fresh database per test, cloned from a
        // migrated template); not shipped in the executable.
        .target(
            name: "AnpeiTestSupport",
            dependencies: [
                "AnpeiStore", "AnpeiService", "AnpeiWire",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/AnpeiTestSupport"
        ),
        .testTarget(name: "AnpeiDomainTests", dependencies: ["AnpeiDomain"]),
        .testTarget(
            name: "AnpeiStoreTests",
            dependencies: ["AnpeiStore", "AnpeiDomain", "AnpeiTestSupport"]
        ),
        .testTarget(
            name: "AnpeiServiceTests",
            dependencies: ["AnpeiService", "AnpeiStore", "AnpeiDomain", "AnpeiWire", "AnpeiTestSupport"]
        ),
        .testTarget(
            name: "AnpeiAPITests",
            dependencies: [
                "AnpeiAPI",
                "AnpeiService",
                "AnpeiStore",
                "AnpeiWire",
                "AnpeiDomain",
                "AnpeiTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ]
)
