// SPDX-License-Identifier: Apache-2.0
// Go's `strslice.StrSlice` (moby api/types/strslice): `Cmd`, `Entrypoint`, `Shell`, `CapAdd` and `CapDrop` accept
// a single string as well as an array of strings.

extension KeyedDecodingContainer {
    /// Decodes a string array that may also be sent as one string (`"sh"` becomes `["sh"]`); nil when absent or `null`.
    func decodeStringSlice(forKey key: Key) throws -> [String]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let single = try? decode(String.self, forKey: key) { return [single] }
        return try decode([String].self, forKey: key)
    }
}
