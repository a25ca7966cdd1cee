"""Loss gates: what a month's input would lose without a word. ``bulletin publish`` looks
for these before any notebook runs and refuses the month unless the analyst passes
``--accept-loss``; the month's review lists them, and says which were accepted.

Four kinds (docs/inputs.md section 16):

- rows for units the registry does not know: each unknown name with its rows and the
  registry's nearest names;
- a standard column that the previous month's file of the same kind had and this
  month's file lacks, with the unused column of this month's file most like it;
- a file with more than ``loss_gates.quarantined_share_max`` of its rows quarantined;
- 全市申请件 moving by more than ``loss_gates.applied_change_max`` against the
  previous month.

Everything is read from what opening the month already did (``MonthlyBulletin`` with its
ingestion record and facts, and the dataset's validated inputs): nothing here reads a file.
"""

from __future__ import annotations

import difflib
import json
import shlex
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from bulletin.core.months import key_of, month_key
from bulletin.core.privacy import redact
from bulletin.core.units import CITY
from bulletin.ingest.readers import FILE
from bulletin.ingest.rules import case_rules
from bulletin.ingest.schema import CASES, EVALUATIONS, Column
from bulletin.ingest.validate import FileCount
from bulletin.report.month import MonthlyBulletin

ACCEPT_FLAG = "--accept-loss"

# Written by ``bulletin publish --accept-loss`` into the month's folder: what was accepted.
ACCEPTED_NAME = "accepted_losses.json"

# The quarantine rule of a unit name the registry does not know, as its Problem says it.
UNKNOWN_UNIT = next(r.expected for r in case_rules() if r.flag == "unit_unknown")

SCHEMAS = {"cases": CASES, "evaluations": EVALUATIONS}

# The date that puts a row in a month.
MONTH_OF_ROW = {"cases": "applied_at", "evaluations": "evaluated_at"}

# A header resembles a standard column when difflib's ratio reaches this: 受理日期 and
# 受理时间 share 受理 (2 × 2 / 8 = 0.5); 办结日期 and 受理时间 share nothing (0).
RESEMBLANCE = 0.5

# Registry names offered for an unknown unit: the closest few above this ratio.
NEAREST_CUTOFF = 0.4


@dataclass(frozen=True)
class Loss:
    gate: str  # unit, column, quarantine, change
    text: str  # Chinese, one line, personal numbers masked


@dataclass(frozen=True)
class UnknownUnit:
    """A unit name of the inputs that the registry does not know, and its rows by file."""

    name: str
    files: dict[str, int]
    nearest: list[str]

    @property
    def rows(self) -> int:
        return sum(self.files.values())

    @property
    def text(self) -> str:
        where = "、".join(f"{file} {n} 行" for file, n in self.files.items())
        near = "、".join(self.nearest) if self.nearest else "没有相近的名称"
        return (f"单位名录中没有的单位「{redact(self.name)}」：{self.rows} 行（{where}），已隔离，"
                f"不计入任何数字；名录中最相近的：{near}")


def percent(share: float) -> str:
    """0.01 → 1%, 0.125 → 12.5%, 0.8541 → 85.41%."""
    return f"{share * 100:.2f}".rstrip("0").rstrip(".") + "%"


def unknown_units(b: MonthlyBulletin) -> list[UnknownUnit]:
    """Every unit name the registry does not know, most rows first, with the registry's
    nearest names (an alias that is near gives its unit)."""
    by_name: dict[str, Counter] = {}
    for p in b.ingestion.problems:
        if p.expected == UNKNOWN_UNIT and p.value is not None:
            by_name.setdefault(p.value.strip(), Counter())[p.file] += 1
    found = [UnknownUnit(name, dict(files), nearest_units(name, b.registry.unit_map))
             for name, files in by_name.items()]
    return sorted(found, key=lambda u: (-u.rows, u.name))


def nearest_units(name: str, spellings: dict[str, str], n: int = 3) -> list[str]:
    """The registry units whose name or alias is nearest ``name`` (difflib's ratio; a
    spelling inside the name, or the name inside it, comes first)."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(name)  # what difflib caches: the name, against each spelling

    def near(spelling: str) -> tuple[bool, float]:
        inside = bool(spelling) and (spelling in name or name in spelling)
        matcher.set_seq1(spelling)
        if matcher.real_quick_ratio() < NEAREST_CUTOFF or matcher.quick_ratio() < NEAREST_CUTOFF:
            return inside, 0.0  # bounds of the ratio (as get_close_matches): too far
        return inside, matcher.ratio()

    scored = sorted(((near(s), s) for s in spellings), key=lambda x: x[0], reverse=True)
    close = [spellings[s] for (inside, ratio), s in scored if inside or ratio >= NEAREST_CUTOFF]
    return list(dict.fromkeys(close))[:n]


def resemblance(header: str, column: Column) -> float:
    return max(difflib.SequenceMatcher(None, header, h).ratio() for h in column.headers)


def most_like(column: Column, headers: list[str]) -> str | None:
    """The header most like ``column`` (any of its spellings), if any resembles it."""
    best = max(headers, key=lambda h: resemblance(h, column), default=None)
    return best if best is not None and resemblance(best, column) >= RESEMBLANCE else None


def nearest_column(header: str, kind: str, present: list[str]) -> Column | None:
    """The standard column of an input ``header`` most resembles, if any; of two alike,
    one the file lacks (受理日期 is as near 受理时间 as 受理单位, a spelling of 办理单位)."""
    columns = SCHEMAS[kind].columns
    best = max(columns, key=lambda c: (resemblance(header, c), c.name not in present))
    return best if resemblance(header, best) >= RESEMBLANCE else None


def table_months(b: MonthlyBulletin, kind: str) -> dict[int, set[int]]:
    """The months (as keys) each table of an input has rows in, bad rows included (a row
    counts where its 申请时间 / 评价时间 could be read); empty with fewer than two tables."""
    validated, counts = b.dataset.validated(kind)
    if len(counts) < 2:
        return {}
    frame = validated.lean if validated.lean is not None else validated.frame
    keys = (frame.select(pl.col(FILE), month_key(pl.col(MONTH_OF_ROW[kind])).alias("k"))
            .unique().collect())
    held: dict[int, set[int]] = {}
    for index, key in keys.iter_rows():
        if key is not None:
            held.setdefault(index, set()).add(key)
    return held


def missing_column_text(now: FileCount, before: FileCount, column: Column) -> str:
    header = column.headers[0]
    like = most_like(column, now.dropped_other)
    hint = (f"本文件未使用的列中与之最相近的是「{like}」（如是同一列，请在 dataset.yml 的 "
            f"header_aliases 的 {now.kind} 下写 {like}: {column.name}）" if like
            else "本文件未使用的列中没有与之相近的")
    return f"{now.shown} 缺少上月文件 {before.shown} 中有的列「{header}」；{hint}"


def column_losses(b: MonthlyBulletin) -> list[Loss]:
    """A standard column that a table with rows of the previous month had and a table with
    rows of this month lacks (a table holding both months is not compared with itself)."""
    if not b.ingestion.files:
        return []
    now, before = key_of(b.month), key_of(b.previous)
    losses = []
    for kind, schema in SCHEMAS.items():
        held = table_months(b, kind)
        counts = b.dataset.validated(kind)[1] if held else []
        for i, months in held.items():
            if now not in months:
                continue
            had: dict[str, int] = {}
            for j, other in held.items():
                if j != i and before in other:
                    for name in counts[j].columns:
                        if name not in counts[i].columns:
                            had.setdefault(name, j)
            losses += [Loss("column", missing_column_text(counts[i], counts[j],
                                                          schema.column(name)))
                       for name, j in had.items()]
    return losses


def quarantine_losses(b: MonthlyBulletin) -> list[Loss]:
    """A file (or worksheet) with more than ``quarantined_share_max`` of its rows
    quarantined, with its two commonest problems."""
    limit = b.config.loss_gates.quarantined_share_max
    losses = []
    for f in b.ingestion.files:
        if not f.read or f.quarantined / f.read <= limit:
            continue
        reasons = Counter((p.column, p.expected) for p in b.ingestion.problems
                          if p.file == f.shown)
        top = "；".join(f"「{column}」列 {n} 处：应为{expected}"
                       for (column, expected), n in reasons.most_common(2))
        losses.append(Loss("quarantine", redact(
            f"{f.shown}：隔离 {f.quarantined} 行，占读取的 {f.read} 行的 "
            f"{percent(f.quarantined / f.read)}，超过 {percent(limit)}（dataset.yml 的 "
            f"loss_gates.quarantined_share_max）" + (f"；主要问题：{top}" if top else ""))))
    return losses


def change_losses(b: MonthlyBulletin) -> list[Loss]:
    """全市申请件 moving by more than ``applied_change_max`` against the previous month
    (a previous month without data is no base: nothing is compared)."""
    if "applied" not in b.facts.columns or not b.has(b.previous):
        return []
    now, before = b.scope(CITY) or {}, b.scope(CITY, b.previous) or {}
    applied, base = now.get("applied"), before.get("applied")
    limit = b.config.loss_gates.applied_change_max
    if applied is None or not base or abs(applied - base) / base <= limit:
        return []
    share = (applied - base) / base
    verb = "增加" if share > 0 else "减少"
    return [Loss("change", f"全市申请件 {applied} 件，较上月（{b.previous}）{base} 件{verb} "
                           f"{abs(applied - base)} 件（{'+' if share > 0 else '-'}"
                           f"{percent(abs(share))}），增减超过 {percent(limit)}（dataset.yml 的 "
                           "loss_gates.applied_change_max）")]


def month_losses(b: MonthlyBulletin) -> list[Loss]:
    """Every loss of the month's input, in the order of the gates."""
    return [*(Loss("unit", u.text) for u in unknown_units(b)), *column_losses(b),
            *quarantine_losses(b), *change_losses(b)]


def refusal(found: dict[str, list[Loss]], again: str = "") -> str:
    """The message of a publish (or render) refused for losses: each month's, then what to
    do — add the flag and run again, or ``again`` when that command has no such flag."""
    lines = ["输入数据有损失，未发布（reports/ 和网站均未改动）："]
    for month, losses in found.items():
        lines.append(f"{month}：")
        lines += [f"  {n}. {loss.text}" for n, loss in enumerate(losses, 1)]
    lines.append("请更正输入（units.csv、dataset.yml 的 header_aliases、导出文件）后重新发布；"
                 f"核实后确认按此发布的，{again or f'加 {ACCEPT_FLAG} 重新运行'}，"
                 "接受的内容记入当月核查清单（review.md）。")
    return "\n".join(lines)


def write_accepted(folder: Path, month: str, losses: list[Loss]) -> Path | None:
    """Record in the month's folder what ``--accept-loss`` accepted (the review reads it);
    nothing when nothing was lost."""
    if not losses:
        return None
    path = Path(folder) / ACCEPTED_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"month": month, "accepted_with": ACCEPT_FLAG,
              "losses": [{"gate": loss.gate, "text": loss.text} for loss in losses]}
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def read_accepted(folder: str | Path) -> list[str]:
    """The texts of the losses accepted for the month in ``folder`` (none without a record)."""
    path = Path(folder) / ACCEPTED_NAME if folder else None
    if path is None or not path.is_file():
        return []
    return [loss["text"] for loss in json.loads(path.read_text(encoding="utf-8"))["losses"]]


def loss_reviews(b: MonthlyBulletin, accepted: list[str]) -> list[str]:
    """The month's losses as review items, each saying whether it was accepted."""
    return [f"已接受的数据损失（发布时使用 {ACCEPT_FLAG}）：{loss.text}" if loss.text in accepted
            else f"数据损失（bulletin publish 拒绝发布本月，除非使用 {ACCEPT_FLAG}）：{loss.text}"
            for loss in month_losses(b)]


def unused_columns(files: list[FileCount]) -> list[str]:
    """Each file's unused columns, each with the standard column it most resembles."""
    texts = []
    for f in files:
        if not f.dropped_other or f.kind not in SCHEMAS:
            continue
        parts = []
        for header in f.dropped_other:
            like = nearest_column(header, f.kind, f.columns)
            parts.append(f"「{header}」" if like is None else
                         f"「{header}」（最相近的标准列「{like.headers[0]}」，即 {like.name}"
                         + ("，本文件没有该列）" if like.name not in f.columns else "）"))
        texts.append(redact(f"{f.shown}：未使用的列 {'、'.join(parts)}；标准列的另一种写法可在 "
                            f"dataset.yml 的 header_aliases 的 {f.kind} 下对应到其英文键"))
    return texts


def full_list_command(b: MonthlyBulletin) -> tuple[str, str]:
    """The command that writes every bad cell of the files read for the month (the month
    and the months it is compared with) to a quarantine CSV, as the analyst types it, and
    the name of that CSV."""
    months = b.facts["month"].drop_nulls() if "month" in b.facts.columns else []
    first = min(months) if len(months) else b.month
    span = f"--month {first}" + (f" --to {b.month}" if first != b.month else "")
    name = f"{b.dataset.folder.name}-{b.month}"
    return (f"bulletin facts --dataset {shlex.quote(str(b.dataset.folder))} {span} "
            f"--out {shlex.quote(name + '.parquet')}"), f"{name}.quarantine.csv"
