"""An XLSX's shared strings for the piece-by-piece reading of its sheets
(ingest.workbook): copied to a temporary file and found by their places, so that a
piece's workbook holds only the strings its cells use; and what makes a workbook one
that reading cannot take (``NotStreamable``: it is then read whole).
"""

from __future__ import annotations

import mmap
import re
import zipfile

import numpy as np


class NotStreamable(Exception):
    """The workbook is read whole instead (see the module's docstring)."""


class Strings:
    """The shared strings, copied to a temporary file and found by their places in it: a
    piece's workbook holds only the strings its cells use (``piece``)."""

    def __init__(self, archive: zipfile.ZipFile, part: str) -> None:
        import shutil
        import tempfile
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (open while the workbook is read)
        with archive.open(part) as source:
            shutil.copyfileobj(source, self.file, 1 << 20)
        self.file.flush()
        size = self.file.tell()
        self.data = mmap.mmap(self.file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        data = self.data
        if data.find(b"<!") >= 0:  # a comment, CDATA or DOCTYPE: not cut at its tags here
            raise NotStreamable("shared strings with <!")
        root = re.search(rb"<((?:[\w.-]+:)?)sst\b", data)
        if root is None:
            raise NotStreamable("no sst")
        prefix = root.group(1)
        head = data[root.start():data.find(b">", root.start())]
        declared = b" ".join(re.findall(rb"xmlns(?::[\w.-]+)?=(?:\"[^\"]*\"|'[^']*')", head))
        self.open, self.close = b"<" + prefix + b"sst " + declared + b">", b"</" + prefix + b"sst>"
        starts = tag_starts(data, b"<" + prefix + b"si")
        end = max(data.rfind(self.close), int(starts[-1]) if len(starts) else 0)
        self.starts = np.append(starts, end)
        self.release()

    def release(self) -> None:
        """The file's pages read so far no longer counted as this process's memory."""
        if isinstance(self.data, mmap.mmap):
            self.data.madvise(mmap.MADV_DONTNEED)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def table(self, used: list[int]) -> bytes:
        """A shared-strings part holding the strings ``used``, in that order."""
        starts, data = self.starts, self.data
        used = np.asarray(used, dtype=np.int64)
        if not len(used):
            return self.open + self.close
        # runs of neighbouring strings (a writer numbers them as it meets them) copied at once
        cuts = np.flatnonzero(np.diff(used) != 1) + 1
        firsts, lasts = used[np.r_[0, cuts]], used[np.r_[cuts - 1, len(used) - 1]]
        table = self.open + b"".join(data[int(starts[a]):int(starts[b + 1])]
                                     for a, b in zip(firsts, lasts, strict=True)) + self.close
        self.release()
        return table


def tag_starts(data, tag: bytes) -> np.ndarray:
    """Where ``tag`` (``<si``) starts a tag in ``data``: followed by a blank, / or >. Looked
    for 16 MiB at a time (numpy)."""
    step, width, found = 16 << 20, len(tag), []
    ends = np.frombuffer(b" \t\r\n/>", dtype=np.uint8)
    for start in range(0, len(data), step):
        block = np.frombuffer(data, dtype=np.uint8, offset=start,
                              count=min(step + width + 1, len(data) - start))
        hits = np.flatnonzero(block[:max(len(block) - width, 0)] == tag[0])
        for j in range(1, width):
            hits = hits[block[hits + j] == tag[j]]
        hits = hits[np.isin(block[hits + width], ends) & (hits < step)]
        found.append(hits + start)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
