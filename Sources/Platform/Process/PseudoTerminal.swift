// SPDX-License-Identifier: Apache-2.0
// Pseudo-terminals for `docker run -t`: allocating a master/slave pair and sizing the window.

import CShims
import Glibc

/// Pty allocation and window-size control.
public enum PseudoTerminal {
    /// Opens a new pty master (`O_RDWR | O_NOCTTY | O_CLOEXEC`), unlocked, with its slave's path.
    public static func open() throws(Errno) -> (master: FileDescriptor, slavePath: String) {
        var buffer = [CChar](repeating: 0, count: 128)
        let fd = cshim_open_pty(&buffer, buffer.count)
        guard fd >= 0 else { throw Errno.current("open pty") }
        let master = FileDescriptor(owning: fd)
        let path = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (master, path)
    }

    /// Sets the terminal's window size (TIOCSWINSZ); the foreground process group gets SIGWINCH.
    public static func setWindowSize(_ fd: FileDescriptor, rows: UInt16, cols: UInt16) throws(Errno) {
        guard cshim_set_winsize(fd.rawValue, rows, cols) == 0 else { throw Errno.current("ioctl TIOCSWINSZ") }
    }

    /// Reads the terminal's window size (TIOCGWINSZ).
    public static func windowSize(_ fd: FileDescriptor) throws(Errno) -> (rows: UInt16, cols: UInt16) {
        var rows: UInt16 = 0
        var cols: UInt16 = 0
        guard cshim_get_winsize(fd.rawValue, &rows, &cols) == 0 else { throw Errno.current("ioctl TIOCGWINSZ") }
        return (rows, cols)
    }
}
