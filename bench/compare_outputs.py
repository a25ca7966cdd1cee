"""Every file of two ``bulletin demo`` outputs compared: the same files, each byte for byte
(``cmp``), and for each that differs, whether it is the same once what a run stamps on it
is taken out — the time (PDF /CreationDate and XMP dates, the Office files' core.xml,
meta.json's ``created``, papermill's cell times), the output folder (each run's own, and
its staging token ``.YYYY-MM.new-<hex>``), the PDF's instance ids (typst's, of the time),
great-tables' random table ids and the notebook's cell ids, the site's record of digests and meta.json's ``tool_commit`` (the code's checkout).

    .venv/bin/python bench/compare_outputs.py /tmp/h20/before /tmp/h20/after

Prints a line per kind of difference and the files left differing after that (none: the
outputs are the same).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

STAMPS = [
    (re.compile(rb"D:\d{14}(Z|[+-]\d{2}'?\d{2}'?)?"), b"D:<time>"),
    (re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?"), b"<time>"),
    # the PDF's instance id (the document id before it is the same: of the content)
    (re.compile(rb"/ID\[\(([^)]*)\)\([^)]*\)\]"), rb"/ID[(\1)(<instance>)]"),
    (re.compile(rb'"duration": [0-9.e-]+'), b'"duration": <s>'),
    (re.compile(rb"\.(\d{4}-\d{2})\.new-[0-9a-f]+"), rb".\1.new-<token>"),
    (re.compile(rb'"tool_(commit|modified)": [^,\n]+'), rb'"tool_\1": <checkout>'),
    (re.compile(rb"<xmpMM:InstanceID>[^<]*</xmpMM:InstanceID>"), b"<xmpMM:InstanceID/>"),
    (re.compile(rb'dcterms.modified" content="[0-9: -]+"'), b'dcterms.modified" content="<time>"'),
    (re.compile(rb'^   "id": "[0-9a-f]{8}",$', re.MULTILINE), b'   "id": "<cell>",'),
]
# great-tables' random id of a table's <div> (and its CSS), as the notebook shows it
GT_ID = re.compile(rb'<div id=\\"([a-z]{10})\\"')
# .site-inputs.json: digests of files (stamped) and keys (of the code: changed on purpose)
DIGEST = re.compile(rb'"[a-z2-7]{52}"')


def files(root: Path) -> dict[str, Path]:
    """Every file under ``root`` by its path, through the site's link to its version."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[-1].startswith(".site.v-") or any(
                p.startswith(".site.v-") for p in relative.parts):
            continue  # the site's versions, seen through the link ``site``
        if path.is_file():
            found[str(relative)] = path
    for path in sorted((root / "site").resolve().rglob("*")) if (root / "site").exists() else []:
        if path.is_file():
            found[str(Path("site") / path.relative_to((root / "site").resolve()))] = path
    return found


def normalised(data: bytes, root: Path, name: str = "") -> bytes:
    data = data.replace(str(root).encode(), b"<root>")
    for found in set(GT_ID.findall(data)):
        data = data.replace(found, b"<gt-id>")
    if name.endswith(".site-inputs.json"):
        data = DIGEST.sub(b'"<digest>"', data)
    for pattern, stand_in in STAMPS:
        data = pattern.sub(stand_in, data)
    return data


def members(data: bytes, root: Path) -> dict[str, bytes] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: normalised(archive.read(name), root) for name in archive.namelist()}
    except zipfile.BadZipFile:
        return None


def same_but_stamps(a: Path, b: Path, root_a: Path, root_b: Path) -> bool:
    left, right = a.read_bytes(), b.read_bytes()
    zipped = members(left, root_a), members(right, root_b)
    if zipped[0] is not None and zipped[1] is not None:
        return zipped[0] == zipped[1]
    return normalised(left, root_a, a.name) == normalised(right, root_b, b.name)


def main() -> None:
    before, after = (Path(arg).resolve() for arg in sys.argv[1:3])
    left, right = files(before), files(after)
    only = sorted(set(left) ^ set(right))
    identical, stamped, different = 0, Counter(), []
    for name in sorted(set(left) & set(right)):
        if left[name].read_bytes() == right[name].read_bytes():
            identical += 1
        elif same_but_stamps(left[name], right[name], before, after):
            stamped[Path(name).suffix or name] += 1
        else:
            different.append(name)
    print(f"{len(left)} files before, {len(right)} after; in one only: {only or 'none'}")
    print(f"identical byte for byte: {identical}")
    print("the same but for the run's stamps (time, folder, token, PDF ids, "
          "cell and table ids, the site's digests): "
          + (", ".join(f"{n} {kind}" for kind, n in sorted(stamped.items())) or "none"))
    print(f"different: {len(different)}")
    for name in different:
        print(f"  {name}")
    sys.exit(1 if only or different else 0)


if __name__ == "__main__":
    main()
