"""A stratified random sample of the mutants a mutmut run has not decided yet:
`python bench/mutation_sample.py [.mutation/mutants] > sample.txt`, then
`cd .mutation && ../.venv/bin/mutmut run $(cat ../sample.txt)`.

A full run of the 4,526 mutants takes longer than a working session on a shared 2-core
machine (a surviving `cube.py` or `validate.py` mutant runs its ~200 covering tests). The
sample measures what the full run would, module by module: SIZES mutants drawn at random
(fixed seed, so the sample can be re-drawn and checked) from each module's undecided ones,
every undecided mutant of the modules not named. bench/MUTATION.md gives the sample's score
per module with its 95% interval.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SEED = 12
# Undecided mutants drawn per module; a module not named here is run whole.
# (ingest.validate was split into typed, rules and validate: its 80 shared among the three)
SIZES = {"bulletin.facts.cube": 80, "bulletin.ingest.validate": 30,
         "bulletin.ingest.rules": 30, "bulletin.ingest.typed": 20,
         "bulletin.facts.build": 40, "bulletin.report.sections.operation.narrative": 30,
         "bulletin.indicators.rollups": 25}


def undecided(mutants: Path) -> dict[str, list[str]]:
    """The names of the mutants not yet run, by module (bulletin.facts.cube …)."""
    src = mutants / "src"
    out: dict[str, list[str]] = {}
    for meta in sorted(src.rglob("*.py.meta")):
        module = ".".join(meta.relative_to(src).with_suffix("").with_suffix("").parts)
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        names = sorted(name for name, code in codes.items() if code is None)
        if names:
            out[module] = names
    return out


def sample(by_module: dict[str, list[str]], seed: int = SEED) -> list[str]:
    rng = random.Random(seed)
    picked: list[str] = []
    for module, names in by_module.items():
        size = SIZES.get(module)
        picked += names if size is None or size >= len(names) else sorted(rng.sample(names, size))
    return picked


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".mutation/mutants")
    print("\n".join(sample(undecided(folder))))
