"""A site built again reuses the pages whose inputs did not change.

Each part of the site (the assets, a month's folder, a unit page, a dataset's list of
units) has a *key*: a digest of everything its files are made from — the renderer (every
file of the bulletin package, templates included, and the versions of the libraries that
shape a page), the site's title, and the part's own inputs (a month: the bytes of its
meta.json, executed notebook, PDF, Word file and downloads, and which months are before
and after it; a unit page: the unit's rows of every month and the months published). The
site records each part's key and the digest of each file it wrote in ``MANIFEST``; a build
given the site in place (``previous``) links a part's files from it when the key is the
same and every file is still as recorded, and makes the part afresh otherwise.

So a month published renders its own folder, its neighbours' (上一期 / 下一期), the unit
pages of its dataset (they list every month) and the index and trends pages (always made);
the other months' folders are hard links (a copy where links are not allowed) — the cost
of a publish does not grow with the number of months published. A build with no previous
site, or a previous site without a manifest or from another renderer, makes every part;
both give the same bytes (tests/unit/publish/test_site_reuse.py).

The manifest also records the month folders scanned for personal data with nothing found
(their digest: every file's bytes and the code that scanned them): a publish records the
months it scanned and keeps the record of a month unchanged since; ``bulletin site`` scans
again only the month folders whose digest is not the one recorded (``read_scanned``).

The manifest's digests are base32 (letters and 2–7): no run of digits a personal-data
scan could read as a phone or ID number.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import platform
import shutil
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

MANIFEST = ".site-inputs.json"
FORMAT = 1

# Libraries whose version changes what a page holds (markdown, sanitising, templates,
# chart specs and their SVG).
RENDERING_LIBRARIES = ("jinja2", "markupsafe", "nbformat", "nbconvert", "mistune", "nh3",
                       "beautifulsoup4", "lxml", "altair", "vl-convert-python", "pydantic")


def digest_bytes(data: bytes) -> str:
    return base64.b32encode(hashlib.sha256(data).digest()).decode("ascii").rstrip("=").lower()


def digest(value: object) -> str:
    """The digest of a JSON-able value (keys sorted: the same value, the same digest)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)
    return digest_bytes(text.encode("utf-8"))


def file_digest(path: Path) -> str | None:
    """The digest of a file's bytes; None when there is no such file."""
    try:
        return digest_bytes(Path(path).read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


@cache
def renderer_version() -> str:
    """The digest of what renders a page: every source and template file of the bulletin
    package, and the versions of Python and of ``RENDERING_LIBRARIES``."""
    package = Path(__file__).resolve().parents[2]  # lib/bulletin
    files = sorted(p for p in package.rglob("*") if p.is_file()
                   and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo"))
    sha = hashlib.sha256()
    for path in files:
        sha.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        sha.update(hashlib.sha256(path.read_bytes()).digest())
    libraries = {name: _version(name) for name in RENDERING_LIBRARIES}
    return digest([FORMAT, sha.hexdigest(), platform.python_version(), libraries])


def _manifest(site: Path | None) -> dict:
    if site is None:
        return {}
    try:
        data = json.loads((Path(site) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == FORMAT else {}


def read_manifest(site: Path | None) -> dict:
    """The parts a site recorded (name → {"key", "files"}); empty when it has none."""
    parts = _manifest(site).get("parts")
    return parts if isinstance(parts, dict) else {}


def read_scanned(site: Path | None) -> dict[str, str]:
    """The month folders the site recorded as scanned for personal data, with nothing found
    (``<dataset>/<month>`` → ``folder_digest`` then); empty when it has none."""
    scanned = _manifest(site).get("scanned")
    return {k: v for k, v in scanned.items() if isinstance(v, str)} \
        if isinstance(scanned, dict) else {}


class Digests:
    """File digests, each file read once per build."""

    def __init__(self):
        self._files: dict[Path, str | None] = {}

    def file(self, path: Path) -> str | None:
        path = Path(path)
        if path not in self._files:
            self._files[path] = file_digest(path)
        return self._files[path]

    def folder(self, folder: Path) -> str:
        """The digest of every file under ``folder`` (names and bytes) and of the code that
        scans them (``renderer_version``: the bulletin package, the personal-data rules
        with it): the same digest, the same scan."""
        folder = Path(folder)
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        return digest([renderer_version(), [[p.relative_to(folder).as_posix(), self.file(p)]
                                            for p in files]])


def link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


class Reuse:
    """The parts of a site being built into ``out``: each reused from ``previous`` when its
    key is unchanged there, else made. ``written`` lists the files made (not reused): the
    ones a personal-data scan has not seen."""

    def __init__(self, previous: Path | None, out: Path, site_key: object):
        self.previous = Path(previous) if previous is not None else None
        self.out = Path(out)
        self.site_key = digest([renderer_version(), site_key])
        self.old = read_manifest(self.previous)
        self.old_scanned = read_scanned(self.previous)
        self.digests = Digests()
        self.parts: dict[str, dict] = {}
        self.scanned: dict[str, str] = {}
        self.written: list[Path] = []
        self.reused: list[str] = []

    def record_scan(self, month: str, folder: Path, scanned: bool) -> None:
        """Record the month folder ``month`` (``<dataset>/<month>``) as scanned when it was
        (``scanned``: in this run) or when the previous site recorded it with the digest it
        has now; else leave it out (``bulletin site`` scans it again)."""
        now = self.digests.folder(folder)
        if scanned or self.old_scanned.get(month) == now:
            self.scanned[month] = now

    def part(self, name: str, inputs: object, make: Callable[[], list[Path]]) -> None:
        """The files of part ``name``: linked from the previous site when its key (the site's
        and ``inputs``) is unchanged and each file is as that site recorded it, else
        ``make()`` — which writes them under ``out`` and returns them."""
        key = digest([self.site_key, name, inputs])
        if name in self.parts:
            raise ValueError(f"part {name} made twice")
        recorded = self.old.get(name)
        if isinstance(recorded, dict) and recorded.get("key") == key and self._link(recorded):
            self.parts[name] = {"key": key, "files": recorded["files"]}
            self.reused.append(name)
            return
        files = make()
        self.parts[name] = {"key": key, "files": {
            path.relative_to(self.out).as_posix(): self.digests.file(path) for path in files}}
        self.written += files

    def made(self, files: list[Path]) -> None:
        """Files of the site that are no part (always made: the index, the trends page)."""
        self.written += files

    def _link(self, recorded: dict) -> bool:
        files = recorded.get("files")
        if not isinstance(files, dict) or not files or self.previous is None:
            return False
        sources = {}
        for name, wanted in files.items():
            source = self.previous / name
            if ".." in Path(name).parts or Path(name).is_absolute() \
                    or source.is_symlink() or file_digest(source) != wanted:
                return False
            sources[name] = source
        for name, source in sources.items():
            link_or_copy(source, self.out / name)
        return True

    def save(self) -> Path:
        path = self.out / MANIFEST
        path.write_text(json.dumps({"format": FORMAT, "parts": self.parts,
                                    "scanned": self.scanned}, ensure_ascii=False,
                                   sort_keys=True, indent=0) + "\n", encoding="utf-8")
        return path
