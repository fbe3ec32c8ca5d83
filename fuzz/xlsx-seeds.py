#!/usr/bin/python3
"""Writes the loader fuzzer's workbook seeds (fuzz/corpus/fuzz_load/xlsx-*) from
the test workbooks: the flags byte, then the workbook as the nodes file, or a
workbook of edges. A seed must not hold the byte 0x1E, which separates files
in the fuzzer's input: the parts are stored uncompressed and padded until no
such byte is left. Run from the repository root: /usr/bin/python3 fuzz/xlsx-seeds.py
"""
import io
import os
import zipfile

OUT = "fuzz/corpus/fuzz_load"


def stored(parts, pad):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_STORED) as z:
        for name, data in parts:
            if pad:
                data = data + b" " * pad
            z.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data)
    return b.getvalue()


def seed(name, flags, book, files=1):
    with zipfile.ZipFile(book) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    for pad in range(256):
        data = stored(parts, pad)
        if b"\x1e" not in data:
            with open(os.path.join(OUT, name), "wb") as f:
                f.write(bytes([flags]) + data)
            return
    raise SystemExit("%s: no padding avoids 0x1E" % name)


seed("xlsx-nodes", 0x01, "tests/data/xlsx/cells.xlsx")
seed("xlsx-formula", 0x01, "tests/bad/128-xlsx-formula-without-value/book.xlsx")
seed("xlsx-error-edges", 0x02, "tests/bad/130-xlsx-error-value/book.xlsx")
