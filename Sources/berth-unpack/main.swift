// SPDX-License-Identifier: Apache-2.0
// Placeholder until the layer unpacker lands.
print("berth-unpack")
