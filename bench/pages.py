#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Resident memory of a running berthd per ELF section of its binary: which parts of the file an idle daemon
# keeps in RAM (.text, .rodata, .rela.dyn, ...). RSS alone does not say; /proc/PID/pagemap does, per page.
#   python3 bench/pages.py PID /path/to/berthd      (root: pagemap hides page presence from others)
# A resident .text far larger than the code run at start-up is the kernel's fault-around: each first touch
# of a file page maps its 64 KiB neighbourhood (scripts/startup-order explains how berthd keeps that small).
import re
import struct
import subprocess
import sys

pid, exe = int(sys.argv[1]), sys.argv[2]
sections = []  # (name, file offset, size)
for line in subprocess.run(["readelf", "-SW", exe], capture_output=True, text=True, check=True).stdout.splitlines():
    m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
    if m:
        sections.append((m.group(1), int(m.group(3), 16), int(m.group(4), 16)))
name = exe.split("/")[-1]
mappings = [l.split() for l in open(f"/proc/{pid}/maps") if l.rstrip().endswith(name)]
resident = {}
with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
    for m in mappings:
        low, high = (int(x, 16) for x in m[0].split("-"))
        offset = int(m[2], 16)
        for address in range(low, high, 4096):
            pagemap.seek(address // 4096 * 8)
            if struct.unpack("Q", pagemap.read(8))[0] >> 63:  # bit 63: page present
                at = offset + address - low
                section = next((n for n, o, s in sections if o <= at < o + s), "?")
                resident[section] = resident.get(section, 0) + 1
for n, _, size in sections:
    if n in resident:
        print(f"{n:40s} size {size // 1024:7d} kB resident {resident[n] * 4:7d} kB")
print(f"{'(between sections)':40s} {'':17s} resident {resident.get('?', 0) * 4:7d} kB")
