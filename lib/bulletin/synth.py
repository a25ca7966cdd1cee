"""A deterministic synthetic case-level dataset shaped like seed 000's annexes.

``bulletin synth --out DIR --from 2020-10 --to 2021-04 --scale 0.02 --seed 7`` writes a
dataset folder (data-contract.md §0) for the 49 units of ``data/seed000/units.csv``:

* volumes: at scale 1.0 about 250,000 cases a month city-wide, split over the units by
  the 申请 column of seed 000's annex 1 and 2 (units with 0 there get a tiny volume or
  none), with their 承诺件, 线上 and 主动评价 shares from the same annexes;
* time: applications mostly on working days (the official calendar, so the 2021 Spring
  Festival, Feb 11-17, shows as a dip); acceptance on or after the application, completion
  a number of *working days* after acceptance (bulletin.workdays.Calendar); acceptances
  and completions fall on working days except a few duty-day ones; some overdue cases,
  some 即办件 (promised 0), legal ≥ promised; cases not yet accepted or completed at the
  end of the period, and cases completed in a later month;
* 申请方式 in the platform's words (线上, 网上, 网办, 在线, 线下, 窗口, 现场, 大厅), unit
  names sometimes in an alias spelling;
* evaluations: ~32 % of completions get a 主动评价, some a 回访评价, 0.01-0.5 % bad, most
  of those rectified;
* personal data columns (申请人姓名, 身份证号, 联系电话) with fake but realistic values,
  so that tests can prove they never leave the readers.

Files: cases split by month of application over the reader's formats (most months
Parquet, one CSV in GBK, one CSV UTF-8 with BOM, one XLSX, all with Chinese headers);
evaluations as Parquet. ``single_parquet=True`` writes all cases into one
``cases/cases.parquet`` instead (the benchmark's input).

Everything is drawn from one ``numpy.random.Generator`` seeded with ``seed``, in a fixed
order, so the same arguments give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
import yaml

from bulletin.core.errors import ConfigError
from bulletin.core.paths import project_root
from bulletin.core.workdays import Calendar

MONTHLY_CASES = 250_000  # city-wide, scale 1.0


# The registry the synthetic units come from, under the project root.
REGISTRY = Path("data") / "seed000" / "units.csv"


# Seed 000, annex 1 and 2 (2021-02), in registry order (序号 1..41 departments, 42..49
# counties): 申请, 办结, 承诺件办结, 线上申请, 主动评价数.
ANNEX = [
    ("市委宣传部", 0, 0, 0, 0, 0), ("市发展和改革委员会", 0, 5, 4, 0, 2),
    ("市经济和信息化局", 0, 0, 0, 0, 8), ("市教育局", 6, 100, 100, 6, 1),
    ("市科学技术局", 0, 0, 0, 0, 0), ("市税务局", 1, 5, 0, 1, 5),
    ("市民族宗教事务局", 0, 0, 0, 0, 0), ("市公安局", 1129, 1129, 1128, 1129, 2),
    ("市民政局", 34, 34, 6, 0, 29), ("市商务局", 1, 1, 1, 0, 0),
    ("市司法局", 0, 0, 0, 0, 1), ("市财政局", 0, 0, 0, 0, 0),
    ("市人力资源和社会保障局", 1131, 859, 266, 27, 1106), ("市自然资源和规划局", 98, 92, 88, 4, 84),
    ("市生态环境局", 17, 19, 19, 0, 3), ("市住房和城乡建设局", 467, 463, 170, 20, 403),
    ("市交通运输局", 1752, 1750, 365, 1463, 574), ("市水务局", 5, 6, 5, 0, 6),
    ("市农业农村局", 0, 0, 0, 0, 0), ("市退役军人事务局", 0, 0, 0, 0, 0),
    ("市文化体育和旅游局", 26, 25, 0, 0, 11), ("市卫生健康委员会", 24, 22, 8, 0, 45),
    ("市应急管理局", 14, 22, 22, 0, 13), ("市市场监督管理局", 197, 175, 153, 42, 117),
    ("市统计局", 0, 0, 0, 0, 0), ("市人民防空办公室", 2, 2, 0, 0, 4),
    ("市经济合作和外事局", 0, 0, 0, 0, 0), ("市林业局", 1, 1, 1, 0, 1),
    ("市城管执法局", 15, 15, 0, 0, 35), ("市中医药管理局", 0, 0, 0, 0, 0),
    ("市金融工作局", 0, 0, 0, 0, 0), ("市医疗保障局", 1224, 1238, 825, 6, 1662),
    ("市档案局", 0, 0, 0, 0, 0), ("市残疾人联合会", 2, 2, 1, 0, 2),
    ("市气象局", 0, 0, 0, 0, 0), ("达州市国家安全局", 0, 0, 0, 0, 0),
    ("市邮政管理局", 0, 0, 0, 0, 0), ("市公共资源交易中心", 19, 22, 0, 0, 20),
    ("市住房公积金管理中心", 379, 379, 0, 0, 281), ("市侨务办公室", 0, 0, 0, 0, 0),
    ("市消防救援支队", 1, 1, 1, 1, 0),
    ("通川区", 9380, 9319, 491, 5972, 8172), ("达川区", 33556, 32857, 6876, 3701, 12863),
    ("万源市", 10228, 10075, 3960, 2525, 2476), ("宣汉县", 50311, 49872, 19453, 45166, 17750),
    ("大竹县", 75940, 74586, 14151, 37968, 12683), ("渠县", 16429, 16047, 2388, 2145, 7145),
    ("开江县", 46818, 44393, 16135, 5621, 15624), ("达州高新区", 472, 470, 176, 464, 352),
]


ZERO_UNIT_VOLUME = 2.0  # cases a month at scale 1 for every other unit with 0 in the annex


ONLINE_WORDS = (("线上", "网上", "网办", "在线"), (0.7, 0.1, 0.1, 0.1))


OFFLINE_WORDS = (("线下", "窗口", "现场", "大厅"), (0.7, 0.15, 0.1, 0.05))


LEVELS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")


LEVEL_P = (0.86, 0.1085, 0.03, 0.001, 0.0005)


FOLLOW_UP_RATE = 0.05


ALIAS_RATE = 0.1


NOT_ACCEPTED_RATE = 0.002


NOT_COMPLETED_RATE = 0.005


DUTY_DAY_RATE = 0.03  # of the cases applied on a non-working day, accepted that same day


NON_WORKING_DAY_VOLUME = 0.1  # relative to a working day


ITEM_NAMES = (
    "居民身份证换领", "户口迁移", "机动车驾驶证换证", "道路运输经营许可", "营业执照变更登记",
    "食品经营许可", "建筑工程施工许可", "不动产登记", "社会保障卡申领", "失业保险金申领",
    "职业资格证书核发", "医疗费用报销", "异地就医备案", "住房公积金提取", "公共场所卫生许可",
    "取水许可", "建设项目环境影响评价审批", "特种设备使用登记", "药品零售许可", "出租汽车驾驶员从业资格",
    "城镇最低生活保障对象认定", "残疾人证核发", "临时救助", "婚姻登记", "高龄津贴申领",
    "教师资格认定", "民办学校设立", "林木采伐许可", "户外广告设置许可", "城市道路占用挖掘许可",
)


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范廖"


GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红梅志文斌鹏辉飞宇浩然欣怡子涵雨婷俊杰思远德明春燕海燕"


ID_AREAS = ("511702", "511703", "511722", "511723", "511724", "511725", "511781", "511721")


PHONE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
                  "151", "152", "157", "158", "159", "177", "180", "181", "182", "183",
                  "186", "187", "188", "189", "191", "199")


CASE_HEADERS = {
    "case_id": "办件编号", "name": "申请人姓名", "id_number": "身份证号", "phone": "联系电话",
    "unit": "办理单位", "item_code": "事项编码", "item_name": "事项名称", "channel": "申请方式",
    "applied_at": "申请时间", "accepted_at": "受理时间", "completed_at": "办结时间",
    "legal_limit_days": "法定时限", "promised_limit_days": "承诺时限",
}


EVALUATION_HEADERS = {
    "evaluation_id": "评价编号", "case_id": "办件编号", "unit": "被评价单位",
    "evaluated_at": "评价时间", "level": "评价等级", "kind": "评价方式",
    "rectified_at": "整改完成时间",
}


DATETIME_TEXT = "%Y-%m-%d %H:%M:%S"


DAY = 86_400


EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Units:
    names: list[str]
    spellings: list[list[str]]  # the unit and its aliases
    weight: np.ndarray  # cases a month at scale 1
    promise_share: np.ndarray
    online_share: np.ndarray
    active_rate: np.ndarray


def load_units(registry: Path = REGISTRY) -> Units:
    frame = pl.read_csv(registry, infer_schema=False)
    names = frame["单位名称"].to_list()
    aliases = [[a for a in (s or "").split(";") if a] for s in frame["别名"].to_list()]
    annex = {row[0]: row[1:] for row in ANNEX}
    weight, promise, online, active = [], [], [], []
    for i, name in enumerate(names):
        applied, completed, promise_completed, online_applied, evals = annex.get(name, (0,) * 5)
        weight.append(applied if applied else (ZERO_UNIT_VOLUME if i % 2 else 0.0))
        promise.append(promise_completed / completed if completed else 0.3)
        online.append(online_applied / applied if applied else 0.42)
        active.append(min(evals / completed, 0.95) if completed else 0.32)
    return Units(names, [[n, *a] for n, a in zip(names, aliases)], np.array(weight),
                 np.clip(np.array(promise), 0.02, 0.98), np.array(online), np.array(active))


@dataclass(frozen=True)
class Items:
    """The items (事项) of every unit: flat arrays, with per-unit index ranges."""

    code: np.ndarray  # str
    name: np.ndarray  # str
    legal: np.ndarray  # int, -1 = none
    promised: np.ndarray  # int, 0 = 即办件
    promise_start: np.ndarray  # per unit: first 承诺件 item
    promise_count: np.ndarray
    instant_start: np.ndarray
    instant_count: np.ndarray


def make_items(rng: np.random.Generator, units: Units) -> Items:
    code, name, legal, promised = [], [], [], []
    ps, pc, is_, ic = [], [], [], []
    for u, unit in enumerate(units.names):
        n_promise = 2 + int(min(8, np.log1p(units.weight[u])))
        n_instant = 1 + int(min(4, np.log1p(units.weight[u]) / 2))
        ps.append(len(code))
        pc.append(n_promise)
        for j in range(n_promise + n_instant):
            if j == n_promise:
                is_.append(len(code))
                ic.append(n_instant)
            code.append(f"5117{u + 1:03d}{j + 1:04d}000{(u * 7 + j) % 10}")
            name.append(ITEM_NAMES[(u * 5 + j) % len(ITEM_NAMES)])
            if j < n_promise:
                lg = int(rng.choice([5, 10, 15, 20, 20, 30, 60]))
                cut = rng.uniform(0.3, 0.85)
                legal.append(lg)
                promised.append(max(1, round(lg * (1 - cut))))
            else:
                lg = int(rng.choice([-1, 0, 1, 5, 10, 20]))
                legal.append(lg)
                promised.append(0)
    return Items(np.array(code), np.array(name), np.array(legal), np.array(promised),
                 np.array(ps), np.array(pc), np.array(is_), np.array(ic))


def months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_days(month: str) -> tuple[int, int]:
    """[first, last] day of a month as days since 1970-01-01."""
    y, m = int(month[:4]), int(month[5:])
    start = dt.date(y, m, 1)
    end = dt.date(y + (m == 12), m % 12 + 1, 1)
    return (start - EPOCH).days, (end - EPOCH).days - 1


class WorkingDays:
    """Working days as sorted day numbers (days since 1970-01-01)."""

    def __init__(self, first: dt.date, last: dt.date):
        cal = Calendar(first, last)
        offset = (first - EPOCH).days
        flags = cal.is_workday.to_numpy()
        self.first = offset
        self.flags = flags
        self.days = np.flatnonzero(flags) + offset

    def is_working(self, day: np.ndarray) -> np.ndarray:
        return self.flags[day - self.first]

    def position(self, day: np.ndarray) -> np.ndarray:
        """Index of the first working day on or after ``day``."""
        return np.searchsorted(self.days, day, side="left")


def _choice_words(rng: np.random.Generator, n: int, words) -> np.ndarray:
    values, p = words
    return np.array(values)[rng.choice(len(values), size=n, p=p)]


def _time_of_day(rng: np.random.Generator, n: int, lo: float, hi: float) -> np.ndarray:
    return (rng.uniform(lo, hi, n) * 3600).astype(np.int64)


def month_cases(rng: np.random.Generator, month: str, scale: float, units: Units, items: Items,
                wd: WorkingDays, export_end: int, serial0: int, personal: bool) -> pl.DataFrame:
    """The cases applied in one month (seconds since the epoch, -1 = null)."""
    d0, d1 = month_days(month)
    days = np.arange(d0, d1 + 1)
    per_working_day = scale * MONTHLY_CASES / 21.0
    mean = np.where(wd.is_working(days), per_working_day, per_working_day * NON_WORKING_DAY_VOLUME)
    per_day = rng.poisson(mean)
    n = int(per_day.sum())
    day = np.repeat(days, per_day)
    p_unit = units.weight / units.weight.sum()
    unit = rng.choice(len(units.names), size=n, p=p_unit)
    online = rng.random(n) < units.online_share[unit]
    tod = np.where(online, _time_of_day(rng, n, 7.0, 23.0), _time_of_day(rng, n, 8.5, 17.5))
    applied = day * DAY + tod
    order = np.argsort(applied, kind="stable")
    day, unit, online, tod, applied = day[order], unit[order], online[order], tod[order], \
        applied[order]

    # Item: 承诺件 or 即办件 by the unit's share, then one of the unit's items of that kind.
    promise = rng.random(n) < units.promise_share[unit]
    pick = rng.random(n)
    item = np.where(
        promise,
        items.promise_start[unit] + (pick * items.promise_count[unit]).astype(np.int64),
        items.instant_start[unit] + (pick * items.instant_count[unit]).astype(np.int64),
    )
    promised = items.promised[item]
    legal = items.legal[item]

    # Acceptance: the same day when applied on a working day before 17:00, else on a later
    # working day; a few cases applied on a non-working day are accepted that day (duty).
    working = wd.is_working(day)
    base = wd.position(day) + (working & (tod >= 17 * 3600)).astype(np.int64)
    delay = rng.choice(3, size=n, p=(0.85, 0.12, 0.03))
    accept_day = wd.days[base + delay]
    duty = ~working & (rng.random(n) < DUTY_DAY_RATE)
    accept_day = np.where(duty, day, accept_day)
    same_day = accept_day == day
    room = np.maximum(17.5 * 3600 - tod, 60)
    accepted = np.where(
        same_day,
        np.minimum(applied + (60 + rng.random(n) * np.minimum(room, 7200)).astype(np.int64),
                   day * DAY + DAY - 1),
        accept_day * DAY + _time_of_day(rng, n, 8.5, 17.0),
    )

    # Completion: ``elapsed`` working days after the day of acceptance.
    u = rng.random(n)
    late = rng.random(n)
    instant_elapsed = np.where(late < 0.99, 0, np.where(late < 0.998, 1, 2))
    promise_elapsed = np.where(
        late < 0.94, (promised * u * u).astype(np.int64),
        np.where(late < 0.996, promised, promised + 1 + rng.geometric(0.5, n)))
    elapsed = np.where(promised > 0, promise_elapsed, instant_elapsed)
    pos = wd.position(accept_day)
    accept_working = wd.is_working(accept_day)
    done_pos = np.where(accept_working, pos + elapsed, pos + np.maximum(elapsed - 1, 0))
    done_day = np.where(elapsed == 0, accept_day, wd.days[done_pos])
    completed = np.where(
        done_day == accept_day,
        np.minimum(accepted + (60 + rng.random(n) * 3 * 3600).astype(np.int64),
                   accept_day * DAY + DAY - 1),
        done_day * DAY + _time_of_day(rng, n, 8.5, 17.5),
    )
    state = rng.random(n)
    not_accepted = (state < NOT_ACCEPTED_RATE) | (accepted > export_end)
    not_completed = not_accepted | (state < NOT_ACCEPTED_RATE + NOT_COMPLETED_RATE) \
        | (completed > export_end)
    accepted = np.where(not_accepted, -1, accepted)
    completed = np.where(not_completed, -1, completed)

    # Spellings: the channel in the platform's words, the unit sometimes as an alias.
    channel = np.where(online, _choice_words(rng, n, ONLINE_WORDS),
                       _choice_words(rng, n, OFFLINE_WORDS))
    spelling_pick = rng.random(n)
    n_spell = np.array([len(s) for s in units.spellings])
    use_alias = (n_spell[unit] > 1) & (spelling_pick < ALIAS_RATE)
    alias_index = 1 + (spelling_pick / ALIAS_RATE * np.maximum(n_spell[unit] - 1, 1)) \
        .astype(np.int64)
    spelling_index = np.where(use_alias, np.minimum(alias_index, n_spell[unit] - 1), 0)
    flat = [s for ss in units.spellings for s in ss]
    starts = np.cumsum([0] + [len(s) for s in units.spellings])[:-1]
    unit_text = np.array(flat)[starts[unit] + spelling_index]

    serial = serial0 + np.arange(n, dtype=np.int64)
    frame = pl.DataFrame({
        "serial": serial,
        "unit_index": unit.astype(np.int32),
        "unit": unit_text,
        "item_code": items.code[item],
        "item_name": items.name[item],
        "channel": channel,
        "applied_s": applied,
        "accepted_s": accepted,
        "completed_s": completed,
        "legal_limit_days": legal.astype(np.int32),
        "promised_limit_days": promised.astype(np.int32),
    })
    frame = frame.with_columns(
        pl.concat_str(pl.lit("SC"), pl.from_epoch("applied_s", time_unit="s").dt.strftime("%Y%m%d"),
                      pl.col("serial").cast(pl.String).str.zfill(9)).alias("case_id"),
        pl.from_epoch("applied_s", time_unit="s").alias("applied_at"),
        pl.when(pl.col("accepted_s") >= 0).then(pl.from_epoch("accepted_s", time_unit="s"))
        .alias("accepted_at"),
        pl.when(pl.col("completed_s") >= 0).then(pl.from_epoch("completed_s", time_unit="s"))
        .alias("completed_at"),
        pl.when(pl.col("legal_limit_days") >= 0).then(pl.col("legal_limit_days"))
        .alias("legal_limit_days"),
    )
    if personal:
        frame = frame.with_columns(personal_columns(rng, n))
    return frame


def personal_columns(rng: np.random.Generator, n: int) -> list[pl.Series]:
    """Fake names, 18-digit ID numbers with a valid check digit, and mobile numbers."""
    surname = np.array(list(SURNAMES))[rng.integers(0, len(SURNAMES), n)]
    given1 = np.array(list(GIVEN))[rng.integers(0, len(GIVEN), n)]
    given2 = np.array(list(GIVEN))[rng.integers(0, len(GIVEN), n)]
    two = rng.random(n) < 0.7
    name = np.char.add(np.char.add(surname, given1), np.where(two, given2, ""))
    area = np.array(ID_AREAS)[rng.integers(0, len(ID_AREAS), n)]
    birth = (np.datetime64("1950-01-01") + rng.integers(0, 19_700, n).astype("timedelta64[D]"))
    birth_text = np.char.replace(np.datetime_as_string(birth, unit="D"), "-", "")
    seq = np.char.zfill(rng.integers(0, 1000, n).astype(str), 3)
    body = np.char.add(np.char.add(area, birth_text), seq)
    digits = np.frombuffer("".join(body.tolist()).encode(), dtype=np.uint8).reshape(n, 17) - 48
    weights = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
    check = np.array(list("10X98765432"))[(digits * weights).sum(axis=1) % 11]
    id_number = np.char.add(body, check)
    prefix = np.array(PHONE_PREFIXES)[rng.integers(0, len(PHONE_PREFIXES), n)]
    phone = np.char.add(prefix, np.char.zfill(rng.integers(0, 100_000_000, n).astype(str), 8))
    return [pl.Series("name", name), pl.Series("id_number", id_number), pl.Series("phone", phone)]


def month_evaluations(rng: np.random.Generator, cases: pl.DataFrame, units: Units,
                      export_end: int, serial0: int) -> pl.DataFrame:
    done = cases.filter(pl.col("completed_s") >= 0)
    n = done.height
    unit = done["unit_index"].to_numpy()
    completed = done["completed_s"].to_numpy()
    u = rng.random(n)
    active = u < units.active_rate[unit]
    follow_up = ~active & (u < units.active_rate[unit] + FOLLOW_UP_RATE)
    evaluated = np.where(active, completed + (rng.random(n) * 3 * DAY).astype(np.int64),
                         completed + ((1 + rng.random(n) * 9) * DAY).astype(np.int64))
    level = rng.choice(len(LEVELS), size=n, p=LEVEL_P)
    rectified = evaluated + ((1 + rng.random(n) * 6) * DAY).astype(np.int64)
    rectify = (level >= 3) & (rng.random(n) < 0.9) & (rectified <= export_end)
    keep = (active | follow_up) & (evaluated <= export_end)
    m = int(keep.sum())
    frame = pl.DataFrame({
        "serial": serial0 + np.arange(m, dtype=np.int64),
        "case_id": done["case_id"].to_numpy()[keep],
        "unit": np.array(units.names)[unit[keep]],
        "evaluated_s": evaluated[keep],
        "level": np.array(LEVELS)[level[keep]],
        "kind": np.where(active[keep], "主动评价", "回访评价"),
        "rectified_s": np.where(rectify, rectified, -1)[keep],
    })
    return frame.select(
        pl.concat_str(pl.lit("PJ"), pl.col("serial").cast(pl.String).str.zfill(10))
        .alias("evaluation_id"),
        "case_id", "unit",
        pl.from_epoch("evaluated_s", time_unit="s").alias("evaluated_at"),
        "level", "kind",
        pl.when(pl.col("rectified_s") >= 0).then(pl.from_epoch("rectified_s", time_unit="s"))
        .alias("rectified_at"),
    )


def case_output(frame: pl.DataFrame, personal: bool) -> pl.DataFrame:
    cols = [c for c in CASE_HEADERS if personal or c not in ("name", "id_number", "phone")]
    return frame.select(cols).rename({c: CASE_HEADERS[c] for c in cols})


def month_formats(months: list[str]) -> dict[str, str]:
    """Which format each month's case file uses: most Parquet, one of each other kind."""
    kinds = ["csv-gbk", "csv-bom", "xlsx"]
    out = {m: "parquet" for m in months}
    for month, kind in zip(months[1:], kinds):
        out[month] = kind
    return out


def _as_text(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(pl.Datetime).dt.strftime(DATETIME_TEXT))


def write_cases(frame: pl.DataFrame, folder: Path, month: str, kind: str) -> Path:
    if kind == "parquet":
        path = folder / f"{month}.parquet"
        frame.write_parquet(path, statistics=False)
    elif kind == "csv-gbk":
        path = folder / f"{month}.csv"
        path.write_bytes(_as_text(frame).write_csv().encode("gbk"))
    elif kind == "csv-bom":
        path = folder / f"{month}.csv"
        _as_text(frame).write_csv(path, include_bom=True)
    elif kind == "xlsx":
        import xlsxwriter

        path = folder / f"{month}.xlsx"
        # A fixed creation date keeps the file byte-identical between runs.
        with xlsxwriter.Workbook(path) as wb:
            wb.set_properties({"created": dt.datetime(2021, 1, 1)})
            _as_text(frame).write_excel(wb, worksheet="办件明细", autofit=False)
    else:
        raise ValueError(kind)
    return path


def generate(out: Path | str, first: str, last: str, scale: float = 0.02, seed: int = 7,
             single_parquet: bool = False, personal: bool = True,
             registry: Path | None = None) -> dict[str, int]:
    """Write the synthetic dataset into ``out``; returns row counts.

    ``registry``: the units.csv to draw units from (default: seed 000's, under the
    project root found from the current directory)."""
    out = Path(out)
    registry = Path(registry) if registry is not None else project_root() / REGISTRY
    months = months_between(first, last)
    if not months:
        raise ConfigError(f"月份范围 {first}..{last} 为空")
    rng = np.random.default_rng(seed)
    units = load_units(registry)
    items = make_items(rng, units)
    start = dt.date(int(first[:4]), int(first[5:]), 1)
    export_end_day = month_days(last)[1]
    wd = WorkingDays(start - dt.timedelta(days=7), EPOCH + dt.timedelta(days=export_end_day + 120))
    export_end = export_end_day * DAY + DAY - 1

    for sub in ("cases", "evaluations"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(registry, out / "units.csv")
    (out / "dataset.yml").write_text(yaml.safe_dump(
        {"region": "达州市", "authority": "达州市政务服务管理局"}, allow_unicode=True,
        sort_keys=False), encoding="utf-8")

    formats = month_formats(months)
    n_cases = n_evals = 0
    writer = None
    eval_parts = []
    try:
        for month in months:
            cases = month_cases(rng, month, scale, units, items, wd, export_end, n_cases, personal)
            evals = month_evaluations(rng, cases, units, export_end, n_evals)
            n_cases += cases.height
            n_evals += evals.height
            eval_parts.append(evals)
            table = case_output(cases, personal)
            if single_parquet:
                import pyarrow.parquet as pq

                arrow = table.to_arrow()
                if writer is None:
                    writer = pq.ParquetWriter(out / "cases" / "cases.parquet", arrow.schema,
                                              compression="zstd", write_statistics=False)
                writer.write_table(arrow, row_group_size=1 << 20)
            else:
                write_cases(table, out / "cases", month, formats[month])
            del cases, table
    finally:
        if writer is not None:
            writer.close()
    evaluations = pl.concat(eval_parts).sort("evaluated_at", "evaluation_id")
    evaluations.rename(EVALUATION_HEADERS).write_parquet(
        out / "evaluations" / "evaluations.parquet", statistics=False)
    return {"cases": n_cases, "evaluations": n_evals}
