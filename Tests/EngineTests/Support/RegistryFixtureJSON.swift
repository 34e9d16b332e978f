// SPDX-License-Identifier: Apache-2.0
// JSON decoding from string literals in tests.

import Foundation

/// Decodes test JSON.
enum JSONDecoderForTests {
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
