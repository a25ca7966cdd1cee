"""``bulletin demo``'s datasets published two at a time (publish.demo): each in a worker of
its own, committed under its own lock, then one site — the same site, page for page, as
``bulletin site --full`` makes from the months published; a dataset that fails leaves the
others published and is named in the error; every line a worker or its kernel prints names
its dataset."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from bulletin.core.errors import PublishError
from bulletin.publish.demo import publish_demo
from bulletin.publish.render import rebuild_sites
from support.paths import DATA, ROOT

# the minute a page was made (the site's <meta name="dcterms.modified">)
MODIFIED = re.compile(rb'<meta name="dcterms.modified" content="[^"]*">')


def site_files(site: Path) -> dict[str, bytes]:
    site = site.resolve()
    return {path.relative_to(site).as_posix(): MODIFIED.sub(b"", path.read_bytes())
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_at_a_time_then_one_site(tmp_path):
    datasets = [DATA / "seed000", DATA / "seed001", DATA / "seed004"]
    months = {DATA / "seed000": ["2021-02"], DATA / "seed001": ["2030-01"],  # not in it
              DATA / "seed004": ["2021-09"]}
    reports, site = tmp_path / "reports", tmp_path / "site"
    said = io.StringIO()
    console = Console(file=said, width=400)
    with pytest.raises(PublishError, match="seed001：") as raised:
        publish_demo(datasets, months, reports, site, None, console, workers=2)
    assert "seed000" not in str(raised.value) and "seed004" not in str(raised.value)
    assert "seed001 发布失败：其他数据集已发布，本数据集未改动。" in said.getvalue()
    assert "✓ 1. 重建网站（目录、趋势、各月页面）" in said.getvalue()
    assert sorted(p.relative_to(reports).as_posix() for p in reports.glob("*/*")) == \
        ["seed000/2021-02", "seed004/2021-09"]  # committed, nothing staged left
    for folder in reports.glob("*/*"):
        assert (folder / "bulletin.pdf").stat().st_size > 0
        assert (folder / "bulletin.docx").stat().st_size > 0
    ours = site_files(site)
    assert {"index.html", "seed000/2021-02/bulletin.pdf", "seed004/2021-09/bulletin.docx"} <= \
        set(ours)
    rebuild_sites(reports, None, tmp_path / "full", full=True)
    full = site_files(tmp_path / "full")
    assert set(ours) == set(full)
    # every page and file as a full build makes it, the site's record of its parts and of
    # the months scanned (by the workers, each with its months) too
    differing = [name for name in ours if ours[name] != full[name]]
    assert differing == []


def test_a_failing_notebooks_kernel_lines_say_their_dataset(tmp_path, capfd):
    """Both datasets' notebooks fail in a cell whose kernel writes to its own stderr (as a
    library's warning, a Rust panic or ipykernel's log do, outside the cell's output): every
    line the workers and their kernels print names its dataset, the kernel's too."""
    import nbformat

    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    template = nbformat.read(ROOT / "notebooks" / "bulletin.ipynb", as_version=4)
    template.cells.insert(2, nbformat.v4.new_code_cell(
        'import os\nfrom pathlib import Path\nname = Path(dataset).name\n'
        'os.write(2, f"kernel stderr {name}\\n".encode())\n'
        'get_ipython().kernel.log.warning("kernel log %s", name)\n'
        'raise ValueError("坏数据")'))
    nbformat.write(template, root / "notebooks" / "bulletin.ipynb")
    datasets = [DATA / "seed000", DATA / "seed004"]
    months = {DATA / "seed000": ["2021-02"], DATA / "seed004": ["2021-09"]}
    said = io.StringIO()
    with pytest.raises(PublishError, match="seed000：.*ValueError: 坏数据.*seed004："):
        publish_demo(datasets, months, tmp_path / "reports", tmp_path / "site", root,
                     Console(file=said, width=400), workers=2)
    lines = capfd.readouterr().err.splitlines()
    for name in ("seed000", "seed004"):
        assert f"[{name}] kernel stderr {name}" in lines
        assert f"[{name}] [IPKernelApp] WARNING | kernel log {name}" in lines
        assert f"[{name}] (" in "\n".join(lines)  # its progress too
    assert [line for line in lines if not re.match(r"\[seed00[04]\] ", line)] == []
