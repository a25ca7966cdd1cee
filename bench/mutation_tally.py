"""Per-module tally of a mutmut run:
`python bench/mutation_tally.py [.mutation/mutants] [sample.txt]`.

mutmut 3 keeps each module's verdicts in ``mutants/src/<module>.py.meta`` (exit code by
mutant: 1 killed, 0 survived, 33 no test covers the function, 36/-24 timeout, 37 caught by
the type checker, None not run yet). This prints them as the Markdown table of
bench/MUTATION.md, with the score killed / (all − not run), so that a run stopped half-way
says what it measured and what it did not.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

# 255 is what mutmut reports (as a timeout) when pytest stops at collection: a mutant that
# breaks code a test module runs on import (bench/mutation-notes/run-e.md).
VERDICTS = {1: "killed", 0: "survived", 33: "no tests", 36: "timeout", -24: "timeout",
            24: "timeout", 152: "timeout", 255: "timeout", 37: "type check", None: "not run"}
COLUMNS = ["killed", "survived", "no tests", "timeout", "not run"]


def tally(mutants: Path) -> dict[str, Counter]:
    """Verdict counts by module name (bulletin.facts.cube …)."""
    out: dict[str, Counter] = {}
    src = mutants / "src"
    for meta in sorted(src.rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if not codes:
            continue
        module = ".".join(meta.relative_to(src).with_suffix("").with_suffix("").parts)
        out[module] = Counter(VERDICTS.get(code, f"exit {code}") for code in codes.values())
    return out


def score(counts: Counter) -> str:
    run = sum(counts.values()) - counts["not run"]
    return f"{counts['killed'] / run:.1%}" if run else "—"


def markdown(by_module: dict[str, Counter]) -> str:
    lines = ["| module | mutants | " + " | ".join(COLUMNS) + " | killed / run |",
             "|---|---:|" + "---:|" * len(COLUMNS) + "---:|"]
    total: Counter = Counter()
    for module, counts in by_module.items():
        total.update(counts)
        lines.append(f"| {module} | {sum(counts.values())} | "
                     + " | ".join(str(counts[c]) for c in COLUMNS) + f" | {score(counts)} |")
    lines.append(f"| **all** | {sum(total.values())} | "
                 + " | ".join(str(total[c]) for c in COLUMNS) + f" | {score(total)} |")
    return "\n".join(lines)


def wilson(killed: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a share killed / n."""
    if not n:
        return 0.0, 1.0
    p = killed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5 / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def sample_markdown(mutants: Path, names: set[str]) -> str:
    """The verdicts of the sampled mutants (bench/mutation_sample.py) by module, with the
    95% interval of each module's share killed among those decided."""
    lines = [("| module | sampled | decided | killed | survived | timeout | killed / decided "
             "(95% interval) |"), "|---|---:|---:|---:|---:|---:|---|"]
    src = mutants / "src"
    for meta in sorted(src.rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        picked = {k: v for k, v in codes.items() if k in names}
        if not picked:
            continue
        module = ".".join(meta.relative_to(src).with_suffix("").with_suffix("").parts)
        verdicts = Counter(VERDICTS.get(code, f"exit {code}") for code in picked.values())
        decided = len(picked) - verdicts["not run"]
        low, high = wilson(verdicts["killed"], decided)
        share = f"{verdicts['killed'] / decided:.1%} ({low:.0%}–{high:.0%})" if decided else "—"
        lines.append(f"| {module} | {len(picked)} | {decided} | {verdicts['killed']} | "
                     f"{verdicts['survived']} | {verdicts['timeout']} | {share} |")
    return "\n".join(lines)


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".mutation/mutants")
    print(markdown(tally(folder)))
    if len(sys.argv) > 2:  # a sample's names, one per line (bench/mutation_sample.py)
        names = set(Path(sys.argv[2]).read_text(encoding="utf-8").split())
        print()
        print(sample_markdown(folder, names))
