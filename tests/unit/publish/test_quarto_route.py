"""The Quarto route of the PDF, without Quarto (it cannot be installed here).

A fake ``quarto`` (FAKE_QUARTO below, first on PATH) does what quarto-cli's source says the
real one does with the arguments, working directory and files it is given (each rule names
its source file), records what it saw, and writes a PDF where Quarto would write it. The
tests then hold ``pdf_with_quarto`` and ``publish_many`` to that: a project render (the
notebook is a project input file, _quarto.yml is read), the PDF lands in
reports/<dataset>/<month>/ and nowhere in the project, a missing or broken PDF is an error.

The partials are checked as Quarto uses them: a pandoc template (Quarto's template.typ
layout) run by our pandoc on the notebook ``bulletin publish`` hands Quarto, with a filter
doing what Quarto's typst filters do to cells and HTML tables, then compiled by our typst.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from bulletin.core.blocks import Table
from bulletin.core.errors import PublishError
from bulletin.publish.quarto import project as quarto_route
from bulletin.publish.quarto.project import TYPST_PARTIALS, front_matter, pdf_with_quarto
from support.executed import chart, markdown, table, write_executed
from support.fake_publish import no_check
from support.paths import ROOT
from support.quarto_like import quarto_typst

TYPST_DIR = ROOT / "lib" / "bulletin" / "publish" / "templates" / "typst"

FAKE_QUARTO = r'''#!{python}
"""A fake quarto: `--version`, `typst --version`, and `render FILE --to typst [--output F]`
as quarto-cli 1.7+ does them (see the comments), recording what it saw in $FAKE_QUARTO_LOG."""
import json, os, shutil, sys
from pathlib import Path

import yaml

args = sys.argv[1:]
log = Path(os.environ["FAKE_QUARTO_LOG"])
how = os.environ.get("FAKE_QUARTO_MODE", "ok")
seen = {{"argv": args, "cwd": os.getcwd()}}


def done(code, **more):
    seen.update(more)
    with log.open("a", encoding="utf-8") as f:
        f.write(json.dumps(seen, ensure_ascii=False) + "\n")
    sys.exit(code)


if args == ["--version"]:
    print(os.environ.get("FAKE_QUARTO_VERSION", "1.7.32"))
    done(0)
if args[:2] == ["typst", "--version"]:  # quarto.ts passThroughTypst: the bundled typst
    print("typst " + os.environ.get("FAKE_QUARTO_TYPST", "0.13.0") + " (fake)")
    done(0)
if args[:1] != ["render"]:
    done(2)
flags = {{}}
rest = args[2:]
while rest:
    flag = rest.pop(0)
    flags[flag] = rest.pop(0) if flag in ("--to", "--output", "--output-dir") else True
path = (Path.cwd() / args[1]).resolve()
if not path.is_file():
    print(f"ERROR: {{args[1]}} not found", file=sys.stderr)
    done(1)

# project/project-context.ts projectContext: the nearest folder upward with _quarto.yml;
# projectInputFiles: project.render (globs, project-relative) less projectHiddenIgnoreGlob
# (**/.*, **/_* relative to the project) and the output-dir; a file that is not an input
# file gets a single-file render (no project, so no _quarto.yml options at all).
project = next((d for d in path.parents if (d / "_quarto.yml").is_file()), None)
config, mode = {{}}, "single"
if project is not None:
    config = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8")) or {{}}
    options = config.get("project") or {{}}
    relative = path.relative_to(project)
    hidden = any(part.startswith((".", "_")) for part in relative.parts)
    out_dir = options.get("output-dir")
    in_output = bool(out_dir) and (project / out_dir) in path.parents
    render = options.get("render")
    listed = not render or any(path in {{p.resolve() for p in project.glob(g)}} for g in render)
    if listed and not hidden and not in_output:
        mode = "project"
if mode == "single":
    config = {{}}
typst = dict((config.get("format") or {{}}).get("typst") or {{}})

# command/render/render-files.ts renderExecute: quarto-required
required = config.get("quarto-required")
if required:
    need = tuple(int(x) for x in required.strip().lstrip(">=").strip().split("."))
    have = tuple(int(x) for x in os.environ.get("FAKE_QUARTO_VERSION", "1.7.32").split("."))
    if have < need:
        print(f"Quarto version does not satisfy {{required}}", file=sys.stderr)
        done(1, mode=mode)

# command/render/template.ts readPartials / resolveTemplatePartialPaths: "/x" is
# project-relative, other relative paths are read from the input's folder; pandoc.ts: at
# least one must be a partial the format knows.
partials = typst.get("template-partials") or []
found = []
for partial in partials:
    if project is not None and mode == "project" and partial.startswith("/"):
        file = project / partial[1:]
    else:
        file = path.parent / partial
    if not file.is_file():
        print(f"Template partial {{partial}} was not found.", file=sys.stderr)
        done(1, mode=mode)
    found.append(str(file))
known = {known}
if found and not any(Path(f).name in known for f in found):
    print("The format 'typst' only supports the following partials", file=sys.stderr)
    done(1, mode=mode)

nb = json.loads(path.read_text(encoding="utf-8"))
cells = [{{"type": c["cell_type"], "outputs": len(c.get("outputs", [])),
          "tags": c.get("metadata", {{}}).get("tags", [])}} for c in nb["cells"]]
if os.environ.get("FAKE_QUARTO_KEEP"):
    keep = Path(os.environ["FAKE_QUARTO_KEEP"])
    shutil.rmtree(keep, ignore_errors=True)
    shutil.copytree(path.parent, keep)

if how == "fail":
    print("ERROR: compile error: unknown variable: sticky", file=sys.stderr)
    done(1, mode=mode, project=str(project), typst=typst, partials=found, cells=cells)

# command/render/output-typst.ts: typst compiles <input folder>/<stem>.typ into
# <input folder>/<stem>.pdf; with --output F the PDF is renamed to F, relative to the working
# directory (expandPath); command/render/project.ts: a project output-dir gets the outputs.
pdf = path.with_suffix(".pdf")
if how == "ok":
    import typst as typst_py
    source = path.with_suffix(".fake.typ")
    source.write_text("#set page(width: 80pt, height: 40pt)\nfake quarto PDF", encoding="utf-8")
    pdf.write_bytes(typst_py.compile(str(source)))
    source.unlink()
elif how == "not-pdf":
    pdf.write_text("<html>not a pdf</html>", encoding="utf-8")
if "--output" in flags and pdf.exists():
    target = Path.cwd() / flags["--output"]
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf.rename(target)
    pdf = target
elif mode == "project" and (config.get("project") or {{}}).get("output-dir") and pdf.exists():
    out = project / config["project"]["output-dir"] / path.parent.relative_to(project)
    out.mkdir(parents=True, exist_ok=True)
    pdf = Path(shutil.move(pdf, out / pdf.name))
done(0, mode=mode, project=str(project), typst=typst, partials=found, cells=cells,
     pdf=str(pdf) if pdf.exists() else None)
'''


@pytest.fixture
def fake_quarto(tmp_path, monkeypatch):
    """A fake quarto first on PATH; returns (path, records()) — one record a call."""
    folder = tmp_path / "bin"
    folder.mkdir()
    command = folder / "quarto"
    command.write_text(FAKE_QUARTO.format(python=sys.executable,
                                          known=repr(sorted(TYPST_PARTIALS))), encoding="utf-8")
    command.chmod(0o755)
    log = tmp_path / "quarto-log.jsonl"
    monkeypatch.setenv("FAKE_QUARTO_LOG", str(log))
    monkeypatch.setenv("FAKE_QUARTO_KEEP", str(tmp_path / "quarto-saw"))
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    quarto_route.quarto_typst_version.cache_clear()

    def records() -> list[dict]:
        if not log.is_file():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]

    yield str(command), records
    quarto_route.quarto_typst_version.cache_clear()


def wide_table(columns: int = 21) -> Table:
    return table("", [f"列{i}" for i in range(columns)], [[str(i) for i in range(columns)]])


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="596" height="336" viewBox="0 0 596 336">'
       '<rect width="596" height="336" fill="#eeeeee"/></svg>')

OUTPUTS = [
    markdown("## 要　目\n\n<strong>政务服务事项运行情况</strong>\n\n- 平台运行情况"),
    markdown('## 政务服务事项运行情况\n\n<div class="centered">（2021年2月）</div>\n\n'
             "### 一、平台运行情况"),
    markdown("#### （一）总体情况\n\n全市申请\n办结 243986 件，费用$100$元，2~3天，5~7天，"
             "@张三，{{< env HOME >}}，`#panic()`{=typst}。"),
    chart(SVG, {"mark": "bar"}),
    chart(SVG),
    table("", ["单位", "件数"], [["市本级", "6545"]], left=(0,)),
    markdown("### 附件1"),
    wide_table(),
]


def executed_month(tmp_path: Path, hidden: bool = True) -> Path:
    """An executed month as publish_many stages it: reports/<dataset>/.<month>.new-…/."""
    name = ".2021-02.new-0123456789ab" if hidden else "2021-02"
    folder = write_executed(tmp_path / "reports" / "mini" / name, "2021-02", list(OUTPUTS))
    front_matter(folder)
    return folder


def project_listing() -> set[str]:
    """The project root's entries (hidden ones aside: git and the caches change under other
    work), and never any of what a render would leave there."""
    names = {p.name for p in ROOT.iterdir() if not p.name.startswith(".")}
    assert not names & {"bulletin.pdf", "bulletin.typ", "bulletin_files", "_site_quarto"}
    return names


# --------------------------------------------------------------------- the render


def test_the_month_is_rendered_as_a_project_file_and_the_pdf_lands_beside_it(
        tmp_path, fake_quarto):
    quarto, records = fake_quarto
    folder = executed_month(tmp_path)
    before = project_listing()

    pdf = pdf_with_quarto(folder, quarto, ROOT)

    assert pdf == folder / "bulletin.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    render = next(r for r in records() if r["argv"][:1] == ["render"])
    # a project render: the notebook is an input file of a project whose _quarto.yml is read
    assert render["mode"] == "project", render
    notebook = Path(render["cwd"]) / render["argv"][1]
    project = Path(render["project"])
    assert project == notebook.parent  # the build folder is the project, its own _quarto.yml
    assert not any(p.startswith((".", "_")) for p in notebook.relative_to(project).parts)
    assert "--output" not in render["argv"] and "--no-execute" in render["argv"]
    assert render["argv"][render["argv"].index("--to") + 1] == "typst"
    # the project's typst format, with the partials Quarto found
    assert render["typst"]["shift-heading-level-by"] == 0
    assert render["typst"]["echo"] is False
    assert sorted(Path(p).name for p in render["partials"]) == [
        "typst-show.typ", "typst-template.typ"]
    # nothing in the project root, no build folder left behind
    assert project_listing() == before
    assert not (ROOT / "bulletin.pdf").exists()
    assert not Path(render["cwd"]).exists()
    assert not list(folder.glob("*.part"))


def test_the_notebook_quarto_renders_has_no_cell_with_more_than_one_output(tmp_path, fake_quarto):
    quarto, records = fake_quarto
    pdf_with_quarto(executed_month(tmp_path), quarto, ROOT)
    render = next(r for r in records() if r["argv"][:1] == ["render"])
    cells = render["cells"]
    assert "raw" not in {c["type"] for c in cells}  # options are the build's _quarto.yml
    assert all(c["outputs"] <= 1 for c in cells)
    assert [c["type"] for c in cells if c["outputs"]] == ["code", "code"]  # the two tables

    saw = tmp_path / "quarto-saw"
    nb = nbformat.read(saw / "bulletin.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "**政务服务事项运行情况**" in text  # <strong>, which Quarto would drop for typst
    assert "#centered[" in text
    assert "全市申请办结" in text  # no space between two Chinese lines
    # the analyst's text cannot become math, a citation, a subscript, a shortcode or raw typst
    assert r"\$100\$" in text and r"2\~3" in text and r"\@张三" in text
    assert "{{<" not in text
    assert all(line == "```{=typst}" for line in text.splitlines() if "{=" in line)
    assert text.count('#chart("figure-') == 2
    assert (saw / "figure-1.svg").is_file() and (saw / "figure-2.svg").is_file()
    # the wide annex on landscape pages, its caption with it, the table in its group
    raw = "```{{=typst}}\n{}\n```"
    last = [c.source.strip() for c in nb.cells[-8:]]
    assert last[0] == raw.format("#wide-table[") and "附件1" in last[1]
    assert last[2:4] == [raw.format("#table-group["), raw.format("#figure(kind: table)[")]
    assert last[5:] == [raw.format("]")] * 3
    assert nb.cells[-4].cell_type == "code" and "列20" in nb.cells[-4].outputs[0].data["text/html"]
    assert (saw / "quarto-tables.lua").is_file()
    assert (saw / "meta.json").is_file()
    config = yaml.safe_load((saw / "_quarto.yml").read_text(encoding="utf-8"))
    assert config["project"] == {"type": "default", "render": ["bulletin.ipynb"]}
    assert config["format"]["typst"]["bulletin-contents"] is False  # the notebook has a 要目
    assert config["format"]["typst"]["filters"] == ["quarto-tables.lua"]


def test_a_render_without_a_pdf_is_an_error(tmp_path, fake_quarto, monkeypatch):
    quarto, _ = fake_quarto
    folder = executed_month(tmp_path)
    for how, said in (("no-pdf", "没有生成 PDF"), ("not-pdf", "不是 PDF"),
                      ("fail", "unknown variable: sticky")):
        monkeypatch.setenv("FAKE_QUARTO_MODE", how)
        with pytest.raises(PublishError, match="Quarto 排版 PDF") as error:
            pdf_with_quarto(folder, quarto, ROOT)
        assert said in str(error.value)
        assert not (folder / "bulletin.pdf").exists()
    assert not (ROOT / "bulletin.pdf").exists()


def test_a_quarto_with_typst_older_than_0_13_is_refused(tmp_path, fake_quarto, monkeypatch):
    quarto, records = fake_quarto
    monkeypatch.setenv("FAKE_QUARTO_TYPST", "0.11.0")  # Quarto 1.6
    with pytest.raises(PublishError, match=r"typst 为 0\.11\.0.*Quarto ≥ 1\.7"):
        pdf_with_quarto(executed_month(tmp_path), quarto, ROOT)
    assert not any(r["argv"][:1] == ["render"] for r in records())


def test_publish_many_takes_the_quarto_route_into_reports(tmp_path, fake_quarto, monkeypatch):
    import io

    from rich.console import Console

    from bulletin.publish import runner
    from support.mini_bulletin import TEMPLATE

    def execute(dataset, month, folder, notebook):
        write_executed(folder, month, list(OUTPUTS), dataset=Path(dataset).name)
        front_matter(folder)
        return folder

    monkeypatch.setattr(runner, "execute_month", execute)
    monkeypatch.setattr(runner, "make_docx", lambda folder: None)
    monkeypatch.setattr(runner, "check_inputs", no_check)  # tmp/mini is no dataset
    (tmp_path / "mini").mkdir()
    before = project_listing()

    def publish():
        return runner.publish_many(tmp_path / "mini", ["2021-02"], reports=tmp_path / "reports",
                                   site=tmp_path / "_site", notebook=TEMPLATE, use_quarto=True,
                                   root=ROOT, console=Console(file=io.StringIO()))

    result = publish()
    assert "Quarto" in result.route
    pdf = tmp_path / "reports" / "mini" / "2021-02" / "bulletin.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert project_listing() == before and not (ROOT / "bulletin.pdf").exists()

    monkeypatch.setenv("FAKE_QUARTO_MODE", "no-pdf")
    pdf.unlink()
    with pytest.raises(PublishError, match="没有生成 PDF"):
        publish()
    assert not pdf.exists()  # the failed run changed nothing


# ------------------------------------------------------------ _quarto.yml and the partials


def project_config() -> dict:
    return yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))


def test_quarto_yml_typst_format():
    config = project_config()
    typst = config["format"]["typst"]
    assert typst["shift-heading-level-by"] == 0  # else Quarto shifts every heading up one
    assert typst["echo"] is False and typst["warning"] is False
    assert config["execute"]["enabled"] is False
    for partial in typst["template-partials"]:
        assert (ROOT / partial).is_file(), partial
        assert Path(partial).name in TYPST_PARTIALS
    # Quarto 1.7 is the first release with typst 0.13, which the template needs
    assert re.fullmatch(r">=\s*1\.7(\.0)?", config["quarto-required"])
    assert quarto_route.MIN_TYPST == (0, 13)


def test_the_quarto_template_partial_is_the_built_in_template():
    assert (TYPST_DIR / "typst-template.typ").read_text(encoding="utf-8") == \
        (TYPST_DIR / "bulletin.typ").read_text(encoding="utf-8"), \
        "copy bulletin.typ to typst-template.typ (the Quarto route's partial)"


def test_each_template_function_is_defined_once():
    """A second ``#let`` of a name silently replaces the first: an edit made to one copy
    would be lost (bulletin.typ had held table-intro and form-table twice)."""
    names = re.findall(r"^#let ([\w-]+)", (TYPST_DIR / "bulletin.typ").read_text(encoding="utf-8"),
                       flags=re.MULTILINE)
    assert len(names) > 40
    assert sorted({name for name in names if names.count(name) > 1}) == []


def test_partials_have_no_stray_pandoc_template_syntax():
    """A partial is a pandoc template: every `$` opens or closes template syntax."""
    for name in ("typst-template.typ", "typst-show.typ"):
        text = (TYPST_DIR / name).read_text(encoding="utf-8").replace("$$", "")
        for expression in re.findall(r"\$([^$]*)\$", text):
            assert re.fullmatch(r"(if|else|endif|for|endfor|sep)?\(?[\w.-]*\)?", expression), \
                (name, expression)
        assert text.count("$") % 2 == 0, name


def test_our_typst_is_recent_enough_for_the_template():
    import typst

    version = tuple(int(x) for x in re.findall(r"\d+", typst.__version__)[:2])
    assert version >= quarto_route.MIN_TYPST


def test_the_partials_compile_in_a_quarto_like_document(tmp_path, fake_quarto):
    import typst

    from bulletin.publish.pdf.typeset import font_paths

    quarto, _ = fake_quarto
    pdf_with_quarto(executed_month(tmp_path), quarto, ROOT)
    saw = tmp_path / "quarto-saw"  # the build folder as Quarto found it
    main = quarto_typst(saw, tmp_path / "template")
    assert "#block[" not in main.read_text(encoding="utf-8")

    pdf = typst.compile(str(main), root=str(saw), font_paths=font_paths())
    assert pdf.startswith(b"%PDF-")
    headings = json.loads(typst.query(str(main), "heading", root=str(saw),
                                      font_paths=font_paths()))
    levels = {re.sub(r"\s", "", "".join(_text(h["body"]))): h["level"] for h in headings}
    assert levels["要目"] == 2 and levels["政务服务事项运行情况"] == 2
    assert levels["一、平台运行情况"] == 3 and levels["（一）总体情况"] == 4
    figures = json.loads(typst.query(str(main), "figure.where(kind: image)", root=str(saw),
                                   font_paths=font_paths()))
    assert len(figures) == 2  # the two charts, drawn by the template's chart()
    assert json.loads(typst.query(str(main), "<imprint-anchor>", root=str(saw),
                                  font_paths=font_paths()))  # the template's 版记 was set


def _text(node) -> list[str]:
    """The text of a queried typst content node."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for child in node for t in _text(child)]
    if isinstance(node, dict):
        if "text" in node and isinstance(node["text"], str):
            return [node["text"]]
        return [t for key in ("children", "body", "child") if key in node
                for t in _text(node[key])]
    return []
