// SPDX-License-Identifier: Apache-2.0
// Signal names as `docker kill -s`, `--stop-signal` and STOPSIGNAL accept them: `KILL`, `SIGKILL`, `9`,
// `SIGRTMIN+3`, case-insensitive, as moby's signal.ParseSignal.

/// Signal name ↔ number on Linux.
public enum SignalNames {
    static let table: [String: Int32] = [
        "ABRT": 6, "ALRM": 14, "BUS": 7, "CHLD": 17, "CLD": 17, "CONT": 18, "FPE": 8, "HUP": 1, "ILL": 4, "INT": 2, "IO": 29, "IOT": 6,
        "KILL": 9, "PIPE": 13, "POLL": 29, "PROF": 27, "PWR": 30, "QUIT": 3, "SEGV": 11, "STKFLT": 16, "STOP": 19, "SYS": 31,
        "TERM": 15, "TRAP": 5, "TSTP": 20, "TTIN": 21, "TTOU": 22, "URG": 23, "USR1": 10, "USR2": 12, "VTALRM": 26, "WINCH": 28,
        "XCPU": 24, "XFSZ": 25,
    ]
    static let realtimeMin: Int32 = 34
    static let realtimeMax: Int32 = 64

    /// The number for a name or number; nil when unknown or out of range.
    public static func number(_ text: String) -> Int32? {
        if let value = Int32(text) { return value > 0 && value <= realtimeMax ? value : nil }
        var name = text.uppercased()
        if name.hasPrefix("SIG") { name = String(name.dropFirst(3)) }
        if let value = table[name] { return value }
        if name.hasPrefix("RTMIN") { return realtime(base: realtimeMin, offset: name.dropFirst(5), sign: 1) }
        if name.hasPrefix("RTMAX") { return realtime(base: realtimeMax, offset: name.dropFirst(5), sign: -1) }
        return nil
    }

    private static func realtime(base: Int32, offset: Substring, sign: Int32) -> Int32? {
        if offset.isEmpty { return base }
        let expected: Character = sign > 0 ? "+" : "-"
        guard offset.first == expected, let step = Int32(offset.dropFirst()) else { return nil }
        let value = base + sign * step
        return value >= realtimeMin && value <= realtimeMax ? value : nil
    }
}
