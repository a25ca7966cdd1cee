"""``_site`` exists at every instant and is the old site or the new one: a child process
swaps a new site in and is killed before each step of the swap (each rename, the link
made, the exchange, each removal); right after the kill — before any recovery — the
site's index.html is read, and it must be the old page or the new one. The next run
recovers and leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.publish.fs import current_version, replace_dir
from support.paths import ROOT

CHILD = '''
import os
import pathlib
import sys

from bulletin.publish import fs

at, calls = int(sys.argv[2]), {"n": 0}


def killed_at_step(real):
    def step(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == at:
            os._exit(7)  # the process dies here: no handler, no clean-up runs
        return real(*args, **kwargs)
    return step


fs._rename = killed_at_step(fs._rename)
fs._exchange = killed_at_step(fs._exchange)
fs.remove = killed_at_step(fs.remove)
os.symlink = killed_at_step(os.symlink)
if sys.argv[3] == "no-exchange":
    fs._exchange = lambda a, b: False


def build(out):
    out.mkdir()
    (out / "index.html").write_text("new", encoding="utf-8")


fs.replace_dir(pathlib.Path(sys.argv[1]) / "_site", build)
'''


def swap_killed_at(root: Path, step: int, mode: str = "") -> int:
    script = root / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT / "lib")])}
    return subprocess.run([sys.executable, str(script), str(root), str(step), mode], env=env,
                          capture_output=True, text=True, timeout=300, check=False).returncode


def old_site(root: Path, linked: bool) -> Path:
    """``root/_site`` holding the old page: a real folder, or (``linked``) a link to its
    version as a swap makes it."""
    site = root / "_site"
    for path in [site, *root.glob("._site.*")]:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            subprocess.run(["rm", "-rf", str(path)], check=True)

    def build(out: Path) -> None:
        out.mkdir()
        (out / "index.html").write_text("old", encoding="utf-8")

    if linked:
        replace_dir(site, build)
        assert site.is_symlink()
    else:
        build(site)
    return site


def next_run(site: Path) -> None:
    """A next run: it recovers first, then its own build fails (the state is recovery's)."""
    def broken(out: Path) -> None:
        raise RuntimeError("the next build fails")

    with pytest.raises(RuntimeError):
        replace_dir(site, broken)


def hidden(root: Path, site: Path) -> list[str]:
    current = current_version(site)
    return sorted(p.name for p in root.iterdir()
                  if p.name.startswith(".") and p != current)


@pytest.mark.parametrize("linked", [True, False], ids=["site-is-a-link", "site-is-a-folder"])
def test_the_site_is_old_or_new_after_a_kill_at_every_step(tmp_path, linked):
    root = tmp_path / "project"
    root.mkdir()
    seen = set()
    for step in range(1, 30):
        site = old_site(root, linked)
        status = swap_killed_at(root, step)
        assert status in (0, 7), step
        # right after the kill, before any recovery: a reader gets the old or the new site
        page = (site / "index.html").read_text(encoding="utf-8")
        assert page in ("old", "new"), step
        seen.add(page)
        next_run(site)
        after = (site / "index.html").read_text(encoding="utf-8")
        assert after in ("old", "new") and (site.is_symlink() or after == "old"), step
        assert hidden(root, site) == [], (step, hidden(root, site))
        if status == 0:
            assert page == "new"
            break
    else:
        pytest.fail("the swap never got through")
    assert seen == {"old", "new"} and step > 4  # the kills fell before and after the swap


def test_without_the_exchange_a_folder_site_is_recovered(tmp_path):
    """Where renameat2 cannot exchange, a site that is still a real folder is moved aside
    once, and a kill in that moment is put right by the next run."""
    root = tmp_path / "project"
    root.mkdir()
    for step in range(1, 30):
        site = old_site(root, linked=False)
        status = swap_killed_at(root, step, "no-exchange")
        next_run(site)
        assert (site / "index.html").read_text(encoding="utf-8") in ("old", "new"), step
        assert hidden(root, site) == [], step
        if status == 0:
            break
    assert site.is_symlink() and (site / "index.html").read_text(encoding="utf-8") == "new"


def test_the_link_is_relative_so_the_project_can_move(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    old_site(root, linked=True)
    assert not os.readlink(root / "_site").startswith("/")
    moved = tmp_path / "moved"
    root.rename(moved)
    assert (moved / "_site" / "index.html").read_text(encoding="utf-8") == "old"
