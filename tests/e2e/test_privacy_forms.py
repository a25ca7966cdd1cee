"""ID and mobile numbers typed the way people type them — full-width, in groups joined by
spaces, U+3000, hyphens, dashes or dots, after +86 / 0086, with the check letter x — into the
notes, a unit name of units.csv, dataset.yml (authority and a 发 line) and free-text cells
of hall/ (a window's name and its 备注) of seed 003, published: no published file (site
pages, PDF text, Word XML, XLSX/CSV downloads, the executed notebook, meta.json) holds their
digits in any form, the masks are shown where they were, and the analyst is told where each
was typed. Then `bulletin site` over the executed notebook edited to hold a number: refused,
the file named, no site written."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from support.paths import DATA
from support.personal_forms import FULL_WIDTH, core_digits, digit_stream, id_number

MONTH = "2022-09"
IDS = [id_number("110101", "19900101", "123"), id_number("510722", "19850316", "402"),
       id_number("110105", "19491231", "002"), id_number("650102", "20000229", "317"),
       id_number("320581", "19771108", "551")]
MOBILES = ["13912345678", "15887654321", "18623456789", "17711112222", "13566667777",
           "19900001111"]
assert IDS[2].endswith("X")  # 11010519491231002X: the check letter, typed as x below

# (where, text as typed)
TYPED = {
    "notes": [f"身份证 {IDS[0][:4]} {IDS[0][4:8]} {IDS[0][8:12]} {IDS[0][12:16]} {IDS[0][16:]}",
              f"手机 +86 {MOBILES[0][:3]} {MOBILES[0][3:7]} {MOBILES[0][7:]}",
              f"旧证号码 {IDS[2][:-1]}x，联系 {MOBILES[1].translate(FULL_WIDTH)}",
              f"电话 {MOBILES[2][:3]}—{MOBILES[2][3:7]}—{MOBILES[2][7:]}"],
    "unit": f"（联系人 {MOBILES[3][:3]}\u3000{MOBILES[3][3:7]}\u3000{MOBILES[3][7:]}）",
    "authority": f"（值班 ０086-{MOBILES[4][:3]}-{MOBILES[4][3:7]}-{MOBILES[4][7:]}）",
    "发": f"（经办人身份证 {IDS[1][:3]} {IDS[1][3:6]} {IDS[1][6:14]} {IDS[1][14:]}）",
    "window": f"（{MOBILES[5][:3]}.{MOBILES[5][3:7]}.{MOBILES[5][7:]}）",
    "备注": f"联系人 {IDS[3][:6]}－{IDS[3][6:14]}－{IDS[3][14:]}，{IDS[4].translate(FULL_WIDTH)}",
}
UNIT = "区发展改革局"


def hostile_seed003(folder: Path) -> Path:
    target = folder / "seed003"
    shutil.copytree(DATA / "seed003", target)
    notes = target / "notes" / f"{MONTH}.md"
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text.replace("## 工作动态\n\n", "## 工作动态\n\n" + "".join(
        f"{line}。\n\n" for line in TYPED["notes"]), 1), encoding="utf-8")
    rows = list(csv.reader((target / "units.csv").open(encoding="utf-8")))
    row = next(r for r in rows if r[0] == UNIT)
    row[0], row[1] = UNIT + TYPED["unit"], ";".join(filter(None, [UNIT, row[1]]))
    with (target / "units.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    config = (target / "dataset.yml").read_text(encoding="utf-8")
    config = config.replace("authority: 攀枝花市西区行政审批局",
                            "authority: 攀枝花市西区行政审批局" + TYPED["authority"])
    config += f"distribution:\n  发:\n    - 各镇（街道）{TYPED['发']}。\n"
    (target / "dataset.yml").write_text(config, encoding="utf-8")
    windows = target / "hall" / f"{MONTH}_windows.csv"
    lines = windows.read_text(encoding="utf-8").splitlines()
    number, name, count, _ = lines[1].split(",")
    lines[1] = ",".join([number, name + TYPED["window"], count, TYPED["备注"]])
    windows.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    from bulletin.publish.runner import publish_many

    root = tmp_path_factory.mktemp("forms")
    dataset = hostile_seed003(root / "data")
    log = io.StringIO()
    publish_many(dataset, [MONTH], reports=root / "reports", site=root / "_site",
                 use_quarto=False, console=Console(file=log, width=400))
    (root / "publish.log").write_text(log.getvalue(), encoding="utf-8")
    return root


def texts(root: Path):
    """(path, text) of every published file as a reader or a program finds it."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        suffix = path.suffix.lower()
        if "assets" in path.parts or suffix in (".png", ".woff", ".woff2"):
            continue
        if suffix == ".pdf":
            yield path, subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                       text=True, check=True).stdout
        elif suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as z:
                yield path, "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        else:
            raw = path.read_bytes().decode("utf-8", "replace")
            if suffix in (".ipynb", ".json"):
                raw += json.dumps(json.loads(raw), ensure_ascii=False)  # \\u escapes decoded
            yield path, raw


def test_no_published_file_holds_the_digits_in_any_form(published):
    numbers = IDS + MOBILES
    kinds, scanned = set(), 0
    for root in (published / "reports", published / "_site"):
        for path, text in texts(root):
            scanned += 1
            kinds.add(path.suffix.lower())
            digits = digit_stream(text)
            assert not [n for n in numbers if core_digits(n) in digits], path
    assert {".html", ".pdf", ".docx", ".xlsx", ".csv", ".ipynb", ".json"} <= kinds, kinds
    assert scanned >= 10


def test_the_masks_stand_where_the_numbers_were(published):
    page = (published / "_site").glob(f"**/seed003/{MONTH}/index.html")
    html = next(page).read_text(encoding="utf-8")
    assert "身份证 ［身份证号已隐去］。" in html
    assert "手机 139＊＊＊＊5678。" in html  # +86 and the groups are part of what is masked
    assert "旧证号码 ［身份证号已隐去］，联系 158＊＊＊＊4321" in html
    assert f"{UNIT}（联系人 177＊＊＊＊2222）" in html
    pdf = subprocess.run(["pdftotext", str(published / "reports" / "seed003" / MONTH /
                                            "bulletin.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    assert "135＊＊＊＊7777" in pdf.replace("\n", "")  # the authority, masked in the PDF


def test_the_analyst_is_told_where_each_number_was_typed(published):
    log = (published / "publish.log").read_text(encoding="utf-8")
    told = [line for line in log.splitlines() if "注意" in line]
    for where, masked in [("notes/2022-09.md", "139＊＊＊＊5678"), ("units.csv", "177＊＊＊＊2222"),
                          ("dataset.yml", "135＊＊＊＊7777"), ("dataset.yml", "［身份证号已隐去］"),
                          ("hall/2022-09_windows.csv", "199＊＊＊＊1111"),
                          ("hall/2022-09_windows.csv 第 2 行「备注」列", "［身份证号已隐去］")]:
        assert any(where in line and masked in line for line in told), (where, masked, log)
    assert not [n for n in IDS + MOBILES if core_digits(n) in digit_stream(log)]


def test_site_refuses_a_tampered_executed_notebook(published, tmp_path, monkeypatch):
    from bulletin.cli import app

    reports = tmp_path / "reports"
    shutil.copytree(published / "reports", reports)
    notebook = reports / "seed003" / MONTH / "bulletin.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    output = next(o for cell in data["cells"] for o in cell.get("outputs", [])
                  if "text/markdown" in o.get("data", {}))
    typed = f"值班电话 {'139 8888 9999'.translate(FULL_WIDTH)}"
    text = output["data"]["text/markdown"]
    output["data"]["text/markdown"] = (text if isinstance(text, str) else "".join(text)) + typed
    notebook.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")  # \\u escaped
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["site", "--reports", "reports", "--site", "site"],
                                env={"COLUMNS": "400"})
    assert result.exit_code == 2, result.output
    assert f"reports/seed003/{MONTH}/bulletin.ipynb：手机号码 139＊＊＊＊9999" in result.output
    assert "8888" not in result.output
    assert not (tmp_path / "site").exists()
