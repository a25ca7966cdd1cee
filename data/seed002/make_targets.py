"""Build seed 002's target table from the seed's text (tests/fixtures/seeds/).

Nothing is typed by hand: the script parses the table at the end of the seed (序号, 指标
(项目), 2019年评价水平, 2020年省定目标及我市达到水平, 国内前沿水平) and writes
``targets/2020-12.csv``. The printed cell "省定目标:市级达到80%我市已达到97.2%" holds both
the target and the achieved value: it is split into 目标 ("80%", "80%以上") and 达到水平
("97.2%"), and kept whole in 说明. The baseline keeps its printed value without the
"市级" prefix ("70.41%", "70%以上", "96.2%"). ``units.csv`` is the one unit the table
speaks of (市级).

    .venv/bin/python data/seed002/make_targets.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "tests" / "fixtures" / "seeds" / "002.txt"
VALUE = r"(\d+(?:\.\d+)?%(?:以上)?)"


def rows(text: str) -> list[list[str]]:
    body = text.split("国内前沿水平", 1)[1]  # the table after its header
    body = body.split("关于“政务服务”指标整改提升情况的通报.pdf")[0]
    lines = [re.sub(r"\s+", " ", t).strip() for t in body.splitlines()]
    lines = [t for t in lines if t]
    out, i = [], 0
    while i < len(lines):
        if not re.fullmatch(r"\d+", lines[i]):
            i += 1
            continue
        number, name, base, target_cell, frontier = lines[i:i + 5]
        baseline = re.search(VALUE, base).group(1)
        target = re.search(r"省定目标:市级达(?:到)?" + VALUE, target_cell).group(1)
        achieved = re.search(r"我市已达到" + VALUE, target_cell).group(1)
        out.append([number, name, "2019", baseline, "2020", target, achieved, frontier,
                    target_cell])
        i += 5
    assert [int(r[0]) for r in out] == list(range(1, 7)), out
    return out


def main() -> None:
    table = rows(SEED.read_text(encoding="utf-8"))
    path = HERE / "targets" / "2020-12.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "指标", "基期年份", "基期水平", "目标年份", "目标", "达到水平",
                    "国内前沿水平", "说明"])
        w.writerows(table)
    with (HERE / "units.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["单位名称", "别名", "层级", "上级单位", "考核分组", "序号"],
                                  ["市级", "市本级", "市级部门", "", "", "1"]])


if __name__ == "__main__":
    main()
