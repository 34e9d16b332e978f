// SPDX-License-Identifier: Apache-2.0
// Method + path-pattern routing. Patterns are segments: literals, `{name}` (one segment), and
// `{name*}` (one or more segments, for names holding slashes such as `localhost:5000/team/app:1`,
// moby's `{name:.*}`), which may be followed by literal segments (`/images/{name*}/json`).


/// One route: method, pattern, operation name and a handler of the caller's choosing.
public struct Route<Handler: Sendable>: Sendable {
    /// The method, e.g. `GET`.
    public let method: String
    /// The path pattern, e.g. `/containers/{id}/json`.
    public let pattern: String
    /// The operation's name (the OpenAPI operationId), for logs and the spec check.
    public let operation: String
    /// The handler.
    public let handler: Handler
    let segments: [Segment]

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case rest(String)

        var literalText: String {
            if case .literal(let text) = self { return text }
            return ""
        }
    }

    /// Creates a route.
    public init(_ method: String, _ pattern: String, _ operation: String, _ handler: Handler) {
        self.method = method
        self.pattern = pattern
        self.operation = operation
        self.handler = handler
        segments = pattern.split(separator: "/").map { part in
            guard part.hasPrefix("{"), part.hasSuffix("}") else { return .literal(String(part)) }
            let name = part.dropFirst().dropLast()
            return name.hasSuffix("*") ? .rest(String(name.dropLast())) : .parameter(String(name))
        }
    }
}

/// Finds the route for a method and path.
public struct Router<Handler: Sendable>: Sendable {
    /// The outcome of matching.
    public enum Match: Sendable {
        /// A route and its path parameters.
        case found(Route<Handler>, [String: String])
        /// The path exists for other methods (listed).
        case methodNotAllowed([String])
        /// Nothing matches the path.
        case notFound
    }

    /// Every route, in registration order.
    public let routes: [Route<Handler>]

    /// The outcome for each method of every path that some route spells without parameters, worked
    /// out once by the full scan: most requests name such a path, and a lookup beats the scan.
    private let literalPaths: [String: [String: Match]]

    /// A router over `routes`; earlier routes win when patterns overlap.
    public init(routes: [Route<Handler>]) {
        self.routes = routes
        let methods = Set(routes.map(\.method))
        var literal: [String: [String: Match]] = [:]
        for route in routes where route.segments.allSatisfy({ if case .literal = $0 { true } else { false } }) {
            let path = route.segments.isEmpty ? "/" : route.segments.map { "/" + $0.literalText }.joined()
            guard literal[path] == nil else { continue }
            literal[path] = Dictionary(uniqueKeysWithValues: methods.map { ($0, Self.scan(routes, method: $0, path: path)) })
        }
        literalPaths = literal
    }

    /// Matches `method` and a decoded `path`.
    public func match(method: String, path: String) -> Match {
        if let known = literalPaths[path]?[method] { return known }
        return Self.scan(routes, method: method, path: path)
    }

    /// The full scan over `routes` in order: what every match would be without the literal table.
    static func scan(_ routes: [Route<Handler>], method: String, path: String) -> Match {
        // Fix: moby's gorilla mux runs with StrictSlash(false), so `/info/` is not `/info` and
        // answers 404; splitting alone dropped the empty last segment and matched it.
        if path.count > 1 && path.hasSuffix("/") { return .notFound }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var allowed: [String] = []
        for route in routes {
            var parameters: [String: String] = [:]
            guard Self.match(route.segments[...], parts[...], &parameters) else { continue }
            if route.method == method { return .found(route, parameters) }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed)
    }

    private static func match(_ segments: ArraySlice<Route<Handler>.Segment>, _ parts: ArraySlice<Substring>, _ parameters: inout [String: String]) -> Bool {
        guard let segment = segments.first else { return parts.isEmpty }
        switch segment {
        case .literal(let text):
            guard let part = parts.first, part == text else { return false }
            return match(segments.dropFirst(), parts.dropFirst(), &parameters)
        case .parameter(let name):
            guard let part = parts.first else { return false }
            parameters[name] = String(part)
            return match(segments.dropFirst(), parts.dropFirst(), &parameters)
        case .rest(let name):
            // Greedy: take as many segments as possible while the remaining pattern still matches.
            let tail = segments.dropFirst()
            var take = parts.count - tail.count
            while take >= 1 {
                var attempt = parameters
                if match(tail, parts.dropFirst(take), &attempt) {
                    parameters = attempt
                    parameters[name] = parts.prefix(take).joined(separator: "/")
                    return true
                }
                take -= 1
            }
            return false
        }
    }
}
