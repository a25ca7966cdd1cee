"""Folders replaced atomically and recoverably, one writer at a time.

A publish builds every folder it changes beside its target, then commits them together:

1. each is built in ``.<name>.new-<token>``, and renamed ``.<name>.ready-<token>`` once
   complete (a ``.new-`` folder is never more than a broken build);
2. a journal ``.<name>.commit-<token>.json`` beside the first target lists the
   (ready, target) pairs: from the moment it exists the commit is decided;
3. each target is renamed ``.<name>.old-<token>`` and its ready folder renamed into place;
4. the journal is removed, then the old folders.

A *linked* target (the site) is never missing, not even between two renames: it is a
symbolic link to a versioned folder ``.<name>.v-<token>`` beside it. Its commit renames
the ready folder to a new version, makes a link ``.<name>.link-<token>`` to it and renames
that link over the target — one rename(2), atomic: whoever opens ``_site/index.html``
gets the old site or the new one. A target that is still a real folder (built before
links) is exchanged with the link by renameat2(RENAME_EXCHANGE) where the kernel offers
it (else moved aside and the link renamed in: that once, there is a moment without it).
Old versions are removed after the journal.

A crash at any point leaves what ``recover`` puts right on the next run, before anything
else: with a journal, the commit is completed (every ready folder in it is complete);
without one, ``.new-``/``.ready-`` folders are removed (their commit never started) and an
``.old-`` folder whose target is missing is put back. Targets are never missing for long
and never half-built. ``locked`` makes publishes wait for each other (``fcntl.flock`` on
``.<name>.lock``: the lock goes with the process, so a killed run leaves no stale lock).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from bulletin.core.errors import PublishError

STAGES = ("new", "ready", "old", "v", "link")


def new_token() -> str:
    return uuid.uuid4().hex[:12]


def staged(target: Path, stage: str, token: str) -> Path:
    """``.<name>.<stage>-<token>`` beside ``target``."""
    return target.with_name(f".{target.name}.{stage}-{token}")


def _rename(src: Path, dst: Path) -> None:
    """One rename of a commit (a separate function, so tests can crash between two)."""
    src.rename(dst)


def remove(path: Path) -> None:
    """A file, link or folder, gone (nothing when it is not there)."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


# ------------------------------------------------------------------------------ lock


def lock_path(target: Path) -> Path:
    """The lock of a folder: ``.<name>.lock`` beside it, there only while a run holds it."""
    return target.with_name(f".{target.name}.lock")


def _acquire(path: Path, on_wait: Callable[[str], None] | None):
    """The open, flock-ed lock file ``path``. The holder removes the file when it is done,
    so a run that waited on the removed file tries again on the new one."""
    import fcntl

    told = False
    while True:
        handle = path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait and not told:
                on_wait(f"另一次发布或网站生成正在进行（锁文件 {path}），等待其完成……")
                told = True
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if os.fstat(handle.fileno()).st_ino == path.stat().st_ino:
                return handle
        except FileNotFoundError:
            pass
        handle.close()  # the file was removed by its last holder: lock the current one


def _release(path: Path, handle) -> None:
    import fcntl

    path.unlink(missing_ok=True)  # still holding the lock: nobody else holds this file
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()


@contextlib.contextmanager
def locked(paths: list[Path], on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock files ``paths`` (in a fixed order, so two runs never deadlock); when one
    is held by another run, say so through ``on_wait`` and wait for it. An OSError of the
    run (a read-only folder, a full disk, a folder gone) leaves as a PublishError naming
    the path (``os_error_text``)."""
    try:
        with contextlib.ExitStack() as stack:
            for path in sorted({Path(p).resolve() for p in paths}):
                path.parent.mkdir(parents=True, exist_ok=True)
                stack.callback(_release, path, _acquire(path, on_wait))
            yield
    except OSError as error:
        raise PublishError(os_error_text(error)) from error


# What an OSError means, in the words an analyst can act on.
_OS_REASONS = {
    errno.EACCES: "没有写入权限（文件夹只读，或属于其他用户）",
    errno.EPERM: "操作不被允许（文件夹只读，或属于其他用户）",
    errno.EROFS: "所在的文件系统只读",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENOENT: "文件或文件夹不存在（可能在运行中被移走或删除）",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "应为文件，却是文件夹",
    errno.EEXIST: "已存在同名的文件或文件夹",
    errno.ENAMETOOLONG: "路径过长",
    errno.EIO: "读写设备出错",
}


def os_error_text(error: OSError) -> str:
    """「无法读写 <path>：磁盘空间已满」 — the path, and what the system said, in Chinese."""
    paths = [p for p in (error.filename, error.filename2) if p is not None]
    where = " → ".join(os.fsdecode(p) for p in paths) or "输出文件夹"
    reason = _OS_REASONS.get(error.errno) or error.strerror or type(error).__name__
    if error.errno == errno.EEXIST and paths and os.path.isfile(paths[0]):
        reason = "是一个文件，不是文件夹"  # mkdir of a folder under a file's name
    return f"无法读写 {where}：{reason}（{error.strerror or error}）。请检查该位置后重新运行"


# ---------------------------------------------------------------------------- commit


def mark_ready(fresh: Path) -> Path:
    """A complete build ``.<name>.new-<token>`` renamed ``.<name>.ready-<token>``."""
    name, _, token = fresh.name[1:].rpartition(".new-")
    ready = fresh.with_name(f".{name}.ready-{token}")
    _rename(fresh, ready)
    return ready


def _write_journal(journal: Path, pairs: list[tuple[Path, Path]], linked: list[Path]) -> None:
    partial = journal.with_name(journal.name + ".part")
    with partial.open("w", encoding="utf-8") as f:
        json.dump({"pairs": [[str(r), str(t)] for r, t in pairs],
                   "linked": [str(t) for t in linked]}, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    partial.replace(journal)


def _roll_forward(journal: Path) -> None:
    """Complete the commit ``journal`` lists, from wherever it stopped."""
    data = json.loads(journal.read_text("utf-8"))
    pairs = [(Path(r), Path(t)) for r, t in data["pairs"]]
    linked = {Path(t) for t in data.get("linked", [])}
    olds = []
    for ready, target in pairs:
        token = ready.name.rpartition("-")[2]
        old = staged(target, "old", token)
        if target in linked:
            _swap_link(ready, target, token)
        elif ready.exists():
            if target.exists():
                _rename(target, old)
            _rename(ready, target)
        olds.append(old)
    journal.unlink()
    for old in olds:
        remove(old)
    for target in linked:
        remove_old_versions(target)


# ------------------------------------------------------------------- linked targets


def current_version(target: Path) -> Path | None:
    """The versioned folder a linked ``target`` points to (None when it is not a link)."""
    target = Path(target)
    if not target.is_symlink():
        return None
    return target.with_name(os.readlink(target))


def remove_old_versions(target: Path) -> None:
    """Every ``.<name>.v-<token>`` beside ``target`` but the one it links to."""
    current = current_version(target)
    for path in target.parent.glob(f".{target.name}.v-*"):
        if path != current:
            remove(path)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two names in one step (Linux renameat2 with RENAME_EXCHANGE); False when the
    system cannot."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _swap_link(ready: Path, target: Path, token: str) -> None:
    """Make the linked ``target`` point to the version built in ``ready`` (see the module's
    notes); run again after a crash, it goes on from where it stopped."""
    version = staged(target, "v", token)
    if ready.exists():
        _rename(ready, version)
    if not version.exists() or current_version(target) == version:
        return
    link = staged(target, "link", token)
    remove(link)
    os.symlink(version.name, link, target_is_directory=True)  # relative: the folder may move
    if target.is_symlink() or not target.exists():
        _rename(link, target)  # rename(2) replaces the old link in one step
    elif _exchange(link, target):
        _rename(link, staged(target, "old", token))  # the real folder, now under link's name
    else:
        _rename(target, staged(target, "old", token))
        _rename(link, target)


def commit(pairs: list[tuple[Path, Path]], journal_beside: Path | None = None,
           linked: list[Path] = ()) -> None:
    """Swap every ready folder in for its target, as one commit (see the module's notes);
    the targets in ``linked`` become links to their new version (never missing).

    The journal goes beside ``journal_beside`` (default: the first target), where
    ``recover`` of that name finds it. Should a rename fail, the commit is completed by
    ``recover`` on the next run; the PublishError says so.
    """
    if not pairs:
        return
    beside = Path(journal_beside or pairs[0][1])
    journal = beside.with_name(f".{beside.name}.commit-{new_token()}.json")
    _write_journal(journal, pairs, linked)
    try:
        _roll_forward(journal)
    except OSError as error:
        raise PublishError(f"替换已发布的文件夹时中断（{error}）：新版本已全部生成，下次运行"
                           f"发布或网站生成时将自动完成替换（记录见 {journal}）") from error


# --------------------------------------------------------------------------- recover

_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<stage>new|ready|old|v|link)-(?P<token>[0-9a-f]+)$")
_JOURNAL = re.compile(r"^\.(?P<name>.+)\.commit-[0-9a-f]+\.json$")


def recover(folder: Path, names: Callable[[str], bool] = lambda name: True) -> list[str]:
    """Put right what an interrupted run left in ``folder`` among the targets whose name
    ``names`` accepts: finish decided commits, remove unfinished builds, put back an old
    target that is missing. Returns what was done, for the progress output."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    done = []
    for path in sorted(folder.iterdir()):
        m = _JOURNAL.match(path.name)
        if m and names(m["name"]):
            _roll_forward(path)
            done.append(f"完成了上次中断的替换（{path.name}）")
        elif path.name.endswith(".json.part") and _JOURNAL.match(path.name[:-5]):
            path.unlink()  # a journal never finished: its commit never started
    for path in sorted(folder.iterdir()):
        m = _LEFTOVER.match(path.name)
        if not m or not names(m["name"]):
            continue
        target = folder / m["name"]
        if m["stage"] == "v" and current_version(target) == path:
            continue  # the version the site links to
        if m["stage"] == "old" and not target.exists():
            _rename(path, target)
            done.append(f"恢复了上次中断时移开的 {target.name}")
        else:
            remove(path)
            done.append(f"删除了上次中断留下的 {path.name}")
    return done


def replace_dir(target: Path, build: Callable[[Path], object],
                on_wait: Callable[[str], None] | None = None) -> Path:
    """Build into ``.<name>.new-<token>`` beside ``target``, then swap it in (``commit``),
    holding ``target``'s lock; first ``recover`` what an earlier run left. ``target`` (the
    site) becomes a link to the version built, swapped in one step (module's notes).

    On any failure of the build the temp folder is removed and ``target`` is left as it was.
    """
    target = resolved_beside(target)
    with locked([lock_path(target)], on_wait):  # makes target's folder, or says why not
        recover(target.parent, lambda name: name == target.name)
        fresh = staged(target, "new", new_token())
        try:
            build(fresh)
        except BaseException:
            remove(fresh)
            raise
        commit([(mark_ready(fresh), target)], linked=[target])
    return target


def resolved_beside(target: Path) -> Path:
    """``target`` made absolute without following it: the site's name is a link to its
    current version, and a commit replaces the link, not the folder it points to."""
    target = Path(target)
    return target.parent.resolve() / target.name
