"""The tiny template notebook (tests/fixtures/mini_bulletin.ipynb) executed like a real
month: markdown, a narrow and a wide great-tables annex, an altair chart."""

from __future__ import annotations

from pathlib import Path

from support.paths import FIXTURES

TEMPLATE = FIXTURES / "mini_bulletin.ipynb"
MONTHS = ("2021-01", "2021-02")


def execute_month(reports: Path, month: str, dataset: str = "fixture") -> Path:
    """papermill the fixture template into reports/<dataset>/<month>/ like a real month."""
    import papermill as pm

    folder = reports / dataset / month
    folder.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(str(TEMPLATE), str(folder / "bulletin.ipynb"), kernel_name="python3",
                        parameters={"dataset": dataset, "month": month, "out_dir": str(folder)},
                        progress_bar=False, cwd=str(folder))
    return folder
