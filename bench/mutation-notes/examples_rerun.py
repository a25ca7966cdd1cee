"""Put the example bugs of issue 12 (bench/mutation-notes/examples.md) into a *separate*
git worktree one at a time, run the tests that should catch each, record what failed, undo.

    git worktree add /tmp/bug-tree HEAD
    .venv/bin/python bench/mutation-notes/examples_rerun.py /tmp/bug-tree [ID ...]

Never point it at the working tree others test in: it edits ``lib/`` of the tree it is
given (and refuses a tree whose ``lib/`` has uncommitted changes). Each bug is one exact
text replacement; a replacement whose text is not found exactly once is reported as STALE
(the code moved: update the entry). Prints one line per bug: CAUGHT (some test failed) or
MISSED (all passed), the failing test ids, and the seconds the run took.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

PYTHON = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "python"
FACTS = ["tests/unit/facts", "tests/unit/report/test_month.py"]
COMPARE = ["tests/unit/report/test_comparisons_by_hand.py"]
DOWNLOADS = ["tests/unit/report/test_downloads_by_hand.py",
             "tests/unit/report/test_downloads_xlsx.py",
             "tests/unit/report/test_downloads_profiles.py",
             "tests/backtests/test_annex_downloads_seed000.py"]
SITE = ["tests/e2e/test_published_content.py", "-k", "not page_numbers"]
CUBE, SITE_PY = "lib/bulletin/facts/cube.py", "lib/bulletin/publish/site.py"
ELAPSED = '- workday.gather(c("i_accepted"))).alias("elapsed")'

# id: (file, text, replacement, tests)
BUGS: dict[str, tuple[str, str, str, list[str]]] = {
    "1": ("lib/bulletin/core/months.py", "    return month_of(key_of(month) - 1)",
          '    year, mon = month.split("-")\n    return f"{year}-{int(mon) - 1 or 12:02d}"',
          [*COMPARE, "tests/unit/report/test_missing_month.py"]),
    "2": (CUBE, '(elapsed > promised).alias("over")', '(elapsed >= promised).alias("over")', FACTS),
    "2b": (CUBE, '(elapsed > promised).alias("over")',
           '((elapsed > promised) | ((elapsed == promised) & (promised > 0))).alias("over")', FACTS),
    "3": ("lib/bulletin/facts/build.py", "& (promised > 0) & (legal > 0)",
          "& (promised >= 0) & (legal > 0)", FACTS),
    "4": (CUBE, 'cube.filter((pl.col("__bad__") == 0) & (k >= 1)', "cube.filter((k >= 1)", FACTS),
    "4b": (CUBE, 'good = cube.filter(pl.col("__bad__") == 0).with_columns(',
           "good = cube.with_columns(", FACTS),
    "5": ("lib/bulletin/core/definitions.py", '("bad_evaluations", -1)', '("bad_rectified", -1)',
          ["tests/unit/facts/test_definitions_by_hand.py"]),
    "6": ("lib/bulletin/report/sections/operation/annexes.py",
          "total_scope = b.config.city_level_name if level == DEPARTMENT",
          'total_scope = "全市" if level == DEPARTMENT', DOWNLOADS[:1] + DOWNLOADS[3:]),
    "7": ("lib/bulletin/report/sections/operation/narrative.py",
          "describe_change(b.change(scope, c, b.year_ago), ",
          "describe_change(b.change(scope, c), ", COMPARE),
    "7b": ("lib/bulletin/core/months.py", "return month_of(key_of(month) - 12)",
           "return month_of(key_of(month) - 11)", COMPARE),
    "8": (SITE_PY, "entries[i + 1] if i + 1 < len(entries) else None",
          "entries[i + 1] if i + 2 < len(entries) else None", SITE),
    "8b": (SITE_PY, '"months": links[::-1]', '"months": links[-2::-1]', SITE),
    "9": ("lib/bulletin/publish/templates/typst/bulletin.typ", "if calc.odd(n) { align(right",
          "if calc.even(n) { align(right", ["tests/e2e/test_published_content.py", "-k",
                                             "page_numbers"]),
    "9b": ("lib/bulletin/publish/docx_layout.py", '{"right" if odd else "left"}',
           '{"left" if odd else "right"}', ["tests/unit/publish/test_docx.py", "-k", "page_number"]),
    "10": (CUBE, ELAPSED, ELAPSED.replace('c("i_accepted")', 'c("i_accepted") - 1'),
           ["tests/unit/facts"]),
    "10b": (CUBE, ELAPSED, ELAPSED.replace("i_accepted", "i_applied"), ["tests/unit/facts"]),
    "10c": ("lib/bulletin/core/workdays.py", "flags.append(chinese_calendar.is_workday(day))",
            "flags.append(day.weekday() < 5 and not chinese_calendar.is_holiday(day))",
            ["tests/unit/facts"]),
    "11a": ("lib/bulletin/report/shown_tables.py", r'r"[+-]\d+(?:\.\d+)?%?"', r'r"[+-]\d+%?"',
            DOWNLOADS),
    "11b": ("lib/bulletin/report/downloads_xlsx.py", '.replace("−", "-")) / 100)',
            '.replace("−", "-")))', DOWNLOADS),
    "11c": ("lib/bulletin/report/downloads_xlsx.py", "    return 2 + depth", "    return 1 + depth",
            DOWNLOADS),
    "11d": ("lib/bulletin/report/sections/operation/annexes.py", 'zip(rows["completed"], rows["prev"])',
            'zip(rows["prev"], rows["completed"])', DOWNLOADS[:2]),
    "12": (SITE_PY, "render_month(entry, entries[i - 1] if i else None,",
           "render_month(entry, entries[i - 1],", SITE),
}


def git(tree: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(tree), *args], capture_output=True, text=True,
                          check=True).stdout


def try_bug(tree: Path, bug: str) -> str:
    """Put ``bug`` in, run its tests, take it out; one line of result."""
    path, text, replacement, tests = BUGS[bug]
    source = tree / path
    before = source.read_text(encoding="utf-8")
    if before.count(text) != 1:
        return f"{bug}\tSTALE\t{path}: the text to replace occurs {before.count(text)} times"
    line = before[:before.index(text)].count("\n") + 1
    source.write_text(before.replace(text, replacement), encoding="utf-8")
    try:
        start = time.time()
        run = subprocess.run(
            ["timeout", "1200", str(PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider",
             "--tb=no", "-rf", *tests], check=False, cwd=tree, capture_output=True,
            text=True,
            env={"PYTHONPATH": str(tree / "lib"), "PATH": "/usr/local/bin:/usr/bin:/bin",
                 "HOME": str(Path.home())})
        seconds = time.time() - start
    finally:
        git(tree, "checkout", "--", "lib")
    failed = re.findall(r"^FAILED (\S+)", run.stdout, re.MULTILINE)
    verdict = "CAUGHT" if failed else ("MISSED" if run.returncode == 0 else "ERROR")
    return f"{bug}\t{verdict}\t{path}:{line}\t{seconds:.0f}s\t{' '.join(failed)}"


def main(argv: list[str]) -> int:
    tree = Path(argv[0]).resolve()
    if git(tree, "status", "--porcelain", "--", "lib"):
        print(f"{tree}: lib/ has uncommitted changes; use a clean worktree", file=sys.stderr)
        return 2
    for bug in argv[1:] or list(BUGS):
        print(try_bug(tree, bug), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
