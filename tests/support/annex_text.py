"""What a reader of a bulletin's blocks sees of its annexes: the 「附件N」 headings with the
title printed under each, the 附件说明 list, and every 「附件N」 the text refers to; and a
sample dataset copied with other ``profile.sections``."""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from bulletin.core.blocks import Table
from support.paths import DATA

# 「### 附件2」: an annex's heading, the whole block (a deeper 「##### 附件1」 is a heading of
# a document printed as an annex: its own annexes, not the bulletin's)
ANNEX_HEADING = re.compile(r"###\s*附件\s*(\d+)\s*")
# the 附件说明 (report.sections.common.annex_note): 「<p>附件：1. title</p>」, 「<p>2. title</p>」…
ANNEX_LIST = re.compile(r'<div class="annex-list">\n((?:<p>.*</p>\n)+)</div>')
ANNEX_ITEM = re.compile(r"<p>(?:附件：)?(\d+)\. (.+)</p>")
REFERENCE = re.compile(r"附件\s*(\d+)")
BARE_REFERENCE = re.compile(r"见附件(?!\s*\d)")


@dataclass
class AnnexText:
    headings: list[tuple[int, str]]  # (number, the title printed first under it)
    listed: list[list[tuple[int, str]]]  # each 附件说明: its (number, title) lines
    references: list[int]  # every 附件N of the text before the annexes, in order
    bare: list[str]  # 「见附件」 without a number, with the text around it


def _text(block) -> str:
    if isinstance(block, Table):
        return "\n".join([block.title, *block.notes])
    return block if isinstance(block, str) else ""


def _title_after(blocks: list) -> str:
    """The title an annex prints first: a heading line under its 「附件N」, else its first
    table's title ('' when the next annex or nothing comes first)."""
    for block in blocks:
        if isinstance(block, Table):
            return block.title
        if isinstance(block, str) and ANNEX_HEADING.fullmatch(block):
            return ""
        heading = re.fullmatch(r"#{2,6}\s*(.+?)\s*", block) if isinstance(block, str) else None
        if heading:
            return heading[1]
    return ""


def annex_text(blocks: list) -> AnnexText:
    """The annexes of a reader's ``blocks`` (Review items already left out)."""
    headings, listed, references, bare = [], [], [], []
    for i, block in enumerate(blocks):
        heading = ANNEX_HEADING.fullmatch(block) if isinstance(block, str) else None
        if heading:
            headings.append((int(heading[1]), _title_after(blocks[i + 1:])))
            continue
        text = _text(block)
        found = ANNEX_LIST.search(text)
        if found:
            listed.append([(int(n), html.unescape(title)) for n, title in
                           ANNEX_ITEM.findall(found[1])])
            text = text[:found.start()] + text[found.end():]
        if not headings:  # an annex's own text (a document it forwards) names its own annexes
            references += [int(n) for n in REFERENCE.findall(text)]
        bare += [text[max(0, m.start() - 20):m.end() + 5] for m in BARE_REFERENCE.finditer(text)]
    return AnnexText(headings, listed, references, bare)


def with_sections(tmp_path: Path, name: str, sections: str) -> Path:
    """A copy of sample dataset ``name`` whose ``profile.sections`` is ``[sections]``."""
    folder = tmp_path / name
    shutil.copytree(DATA / name, folder, ignore=shutil.ignore_patterns("*.py"))
    set_sections(folder / "dataset.yml", sections)
    return folder


def set_sections(path: Path, sections: str) -> None:
    """dataset.yml at ``path`` with ``profile.sections`` set to ``[sections]``, and its
    outline's parts whose sections are not all among them left out (as an analyst would)."""
    config = path.read_text(encoding="utf-8")
    start = config.index("\n  sections:") + 1
    end = config.index("\n", start)
    config = config[:start] + f"  sections: [{sections}]" + config[end:]
    names = {name.strip() for name in sections.split(",")}
    outline = yaml.safe_load(config)["profile"].get("outline")
    if outline:  # rewritten in place as one flow line; the rest of the text as it was
        kept = [part for part in outline if set(part["sections"]) <= names]
        lines = config.split("\n")
        at = lines.index("  outline:")
        end = next(i for i in range(at + 1, len(lines)) if not lines[i].startswith("    "))
        lines[at:end] = [f"  outline: {json.dumps(kept, ensure_ascii=False)}"]
        config = "\n".join(lines)
    path.write_text(config, encoding="utf-8")
