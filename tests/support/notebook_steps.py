"""What notebooks/bulletin.ipynb runs, in its order (report.pipeline's steps), in this
process: for tests that watch what those steps do (the files they open, the calls they
make across layers) without a kernel."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from bulletin.report import pipeline
from bulletin.report.sections.review import show_review


def run_notebook_steps(folder: Path, month: str, out: Path) -> None:
    opened = pipeline.open_dataset(folder, month)
    inputs = pipeline.validate(opened)
    facts = pipeline.month_facts(opened)
    b = pipeline.indicators(opened, inputs, facts)
    pipeline.title(b)
    blocks = pipeline.sections(b)
    with contextlib.redirect_stdout(io.StringIO()):
        show_review(b, blocks, out)
    pipeline.outputs(b, blocks, out, parameters={"dataset": str(folder), "month": month,
                                                 "out_dir": str(out)})
