"""Personal data never reaches anything published: publish a month of the synthetic sample
and scan every published file (site, executed notebook, PDF text, XLSX/CSV downloads) for
the ID numbers, phone numbers and names of its raw case rows, and for their patterns."""

from __future__ import annotations

import re
import subprocess
import zipfile

import polars as pl

from support.paths import DATA

# 身份证号: region, birth date, sequence, check digit.
ID_PATTERN = re.compile(r"(?<!\d)[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                        r"\d{3}[\dXx](?!\d)")
PHONE_PATTERN = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def raw_personal_values() -> set[str]:
    """Names, ID numbers and phones as they stand in the sample's raw Parquet exports."""
    values: set[str] = set()
    for path in sorted((DATA / "synthetic" / "cases").glob("*.parquet")):
        frame = pl.read_parquet(path, columns=["申请人姓名", "身份证号", "联系电话"])
        for column in frame.columns:
            values |= set(frame[column].drop_nulls().to_list())
    return values


def published_texts(root):
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                  text=True, check=True).stdout
        elif suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                               if n.endswith(".xml"))
        elif suffix in (".png", ".woff", ".woff2"):
            continue
        else:
            text = path.read_bytes().decode("utf-8", "replace")
        yield path, text


def test_no_personal_data_in_any_published_file(published_demo):
    published = published_demo
    raw = raw_personal_values()
    ids = {v for v in raw if ID_PATTERN.fullmatch(v)}
    phones = {v for v in raw if PHONE_PATTERN.fullmatch(v)}
    names = {v for v in raw if not v.isdigit() and len(v) >= 3}  # 3-character names only:
    # two-character ones (王芳) also occur as ordinary words in unit and item names.
    assert len(ids) > 1000 and len(phones) > 1000 and names
    scanned = 0
    for path, text in published_texts(published):
        scanned += 1
        leaked_ids = set(ID_PATTERN.findall(text)) & ids
        leaked_phones = set(PHONE_PATTERN.findall(text)) & phones
        assert not leaked_ids and not leaked_phones, (path, leaked_ids, leaked_phones)
        if path.parent.name != "assets":  # the vendored vega bundle is minified code
            assert not ID_PATTERN.search(text), (path, ID_PATTERN.search(text))
            assert not PHONE_PATTERN.search(text), (path, PHONE_PATTERN.search(text))
        leaked_names = [n for n in names if n in text]
        assert not leaked_names, (path, leaked_names[:5])
    assert scanned >= 10


def test_hand_typed_personal_data_is_masked_everywhere_and_named(published_insider):
    """ID and mobile numbers typed by hand into the notes, a unit name and dataset.yml
    (support.insider), with spaces, dashes and +86: masked in every published file (site,
    notebook, meta.json, PDF, XLSX, CSV), and the publish output names file and line."""
    from support.insider import PERSONAL, PERSONAL_UNIT

    scanned = 0
    for root in (published_insider / "reports", published_insider / "_site"):
        for path, text in published_texts(root):
            scanned += 1
            digits = re.sub(r"[\s\-+]", "", text)  # as typed, with spaces or dashes
            assert not [v for v in PERSONAL if v in text or v in digits], path
            if path.parent.name != "assets":
                assert not ID_PATTERN.search(text) and not PHONE_PATTERN.search(text), path
    assert scanned >= 10
    page = re.sub(r"</?span[^>]*>", "", (  # a cell's phrase spans, read as its text
        published_insider / "_site" / "seed000" / "2021-02" / "index.html").read_text(
        encoding="utf-8"))
    assert f"{PERSONAL_UNIT}（联系人 138＊＊＊＊5678）" in page  # masked, the rest kept
    assert "身份证号 ［身份证号已隐去］，手机 139＊＊＊＊5678，150＊＊＊＊5678" in page
    log = (published_insider / "publish.log").read_text(encoding="utf-8")
    lines = [line for line in log.splitlines() if "已隐去" in line]
    assert any("notes/2021-02.md 第" in line and "139＊＊＊＊5678" in line for line in lines), log
    assert any("units.csv 第 4 行" in line and "138＊＊＊＊5678" in line for line in lines), log
    assert any("dataset.yml 第" in line and "137＊＊＊＊5678" in line for line in lines), log
    assert not [v for v in PERSONAL if v in log]  # the warnings are masked too


def test_publish_refuses_a_number_that_escaped_masking(tmp_path, monkeypatch):
    """A number the readers did not mask (here printed by the template itself) fails the
    publish: nothing of the month is swapped in."""
    import nbformat
    import pytest

    from bulletin.core.errors import PublishError
    from bulletin.publish import runner
    from bulletin.publish.runner import publish_many
    from support.fake_publish import no_check
    from support.mini_bulletin import TEMPLATE

    monkeypatch.setattr(runner, "check_inputs", no_check)  # the folder is no dataset

    template = nbformat.read(TEMPLATE, as_version=4)
    template.cells.append(nbformat.v4.new_code_cell(
        'from IPython.display import Markdown, display\ndisplay(Markdown("值班电话 13812345678"))'))
    nbformat.write(template, tmp_path / "leaky.ipynb")
    dataset = tmp_path / "fixture"
    dataset.mkdir()
    with pytest.raises(PublishError, match=r"bulletin\.ipynb：手机号码 138＊＊＊＊5678"):
        publish_many(dataset, ["2021-02"], reports=tmp_path / "reports", site=tmp_path / "_site",
                     notebook=tmp_path / "leaky.ipynb", use_quarto=False)
    assert not (tmp_path / "reports" / "fixture" / "2021-02").exists()
    assert not (tmp_path / "_site").exists()
