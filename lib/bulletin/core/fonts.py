"""Fonts: where they are, and which face each GB/T 9704 role gets — one list that the charts
(vl-convert), the site's static charts, the PDF (typst) and the Word file all read.

The 公文 roles (``ROLES``): 标题 2号小标宋, 正文 3号仿宋, 一级标题 黑体, 二级标题 楷体. An
office machine has the 公文 faces (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312); this
machine may have them as system fonts, in the folder dataset.yml names (``fonts:``) or in the
folders of the environment variable ``BULLETIN_FONTS``. A role whose 公文 face is found
nowhere is set in the open Noto CJK face standing in for it (Debian's fonts-noto-cjk), and
``substitution_line`` says so — in the publish summary and in the review.

Faces are looked up as typst sees them (``typst.Fonts``: the family a font file names
itself), so the family a role gets is one typst can set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bulletin.core.deferred import once
from bulletin.core.errors import ConfigError

SERIF = "Noto Serif CJK SC"  # stands in for 小标宋, 仿宋 and 楷体
SANS = "Noto Sans CJK SC"  # for 黑体 and the charts

# Searched in this order; Debian's fonts-noto-cjk installs into the first.
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto",
             "/usr/share/fonts/opentype", "/usr/local/share/fonts", "/usr/share/fonts")

NOTO_FILES = ("NotoSerifCJK-Regular.ttc", "NotoSansCJK-Regular.ttc")

FONTS_ENV = "BULLETIN_FONTS"  # folders of 公文 fonts, separated as in PATH


@dataclass(frozen=True)
class Role:
    """A GB/T 9704 role: the 公文 faces that fill it (preferred first, each under the names
    a font file may give itself) and the open face standing in for them."""

    key: str
    label: str  # 标题, 正文, …
    style: str  # the face GB/T 9704 names: 小标宋, 仿宋, …
    faces: tuple[str, ...]
    open_face: str
    open_weight: str  # the stand-in's weight: Noto's bold for the heavy faces


ROLES = (
    Role("title", "标题", "2号小标宋", ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK",
                                   "FZXiaoBiaoSong-B05", "小标宋"), SERIF, "bold"),
    Role("body", "正文", "3号仿宋", ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
         SERIF, "regular"),
    Role("hei", "一级标题", "黑体", ("黑体", "SimHei"), SANS, "bold"),
    Role("kai", "二级标题", "楷体", ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"), SERIF,
         "bold"),
)


@dataclass(frozen=True)
class Face:
    """The face a role gets on this machine: its family as typst knows it, whether that is
    the 公文 face (else the open stand-in), and whether it has a bold weight of its own."""

    role: Role
    family: str
    official: bool
    has_bold: bool

    @property
    def weight(self) -> str:
        return "regular" if self.official else self.role.open_weight


def font_dirs() -> list[str]:
    """The folders of FONT_DIRS this machine has."""
    return [d for d in FONT_DIRS if Path(d).is_dir()]


def noto_dir() -> str | None:
    """The first folder holding the Noto CJK fonts, or None."""
    return next((d for d in font_dirs() if any(Path(d, n).exists() for n in NOTO_FILES)), None)


def env_dirs() -> list[str]:
    """The folders named by $BULLETIN_FONTS; ConfigError for one that is not a folder."""
    found = []
    for part in os.environ.get(FONTS_ENV, "").split(os.pathsep):
        if not part.strip():
            continue
        folder = Path(part.strip()).expanduser()
        if not folder.is_dir():
            raise ConfigError(f"环境变量 {FONTS_ENV} 中的字体文件夹 {folder} 不存在")
        found.append(str(folder.resolve()))
    return found


def dataset_dir(dataset: Path, configured: str | None) -> list[str]:
    """The folder dataset.yml names (``fonts:``, from the dataset folder), as a list."""
    if not configured:
        return []
    folder = (Path(dataset) / Path(configured).expanduser()).resolve()
    if not folder.is_dir():
        config = str(Path(dataset) / "dataset.yml")
        raise ConfigError(f"{config}：配置项「fonts」的字体文件夹 {folder} 不存在",
                          file=config, key="fonts")
    return [str(folder)]


def font_folders(dataset: Path | None = None, configured: str | None = None) -> list[str]:
    """Every folder typst and the review search: $BULLETIN_FONTS, dataset.yml's ``fonts``
    folder, then the system's font folders (FONT_DIRS)."""
    extra = env_dirs() + (dataset_dir(dataset, configured) if dataset is not None else [])
    return list(dict.fromkeys(extra + font_dirs()))


def dataset_font_folders(dataset: Path | None) -> list[str]:
    """``font_folders`` for a dataset folder, its dataset.yml read for ``fonts`` (a folder
    that is gone: the environment's and the system's alone)."""
    if dataset is None or not Path(dataset).is_dir():
        return font_folders()
    from bulletin.core.config import load_config

    return font_folders(Path(dataset), load_config(Path(dataset)).fonts)


@once
def _families(folders: tuple[str, ...]) -> dict[str, tuple[str, set[int]]]:
    """casefolded family → (family as typst spells it, its weights), system fonts too:
    scanned once a process, a second thread asking meanwhile waits for it."""
    import typst

    found: dict[str, tuple[str, set[int]]] = {}
    for info in typst.Fonts(include_system_fonts=True, include_embedded_fonts=False,
                            font_paths=list(folders)).fonts():
        found.setdefault(info.family.casefold(), (info.family, set()))[1].add(info.weight)
    return found


def find_faces(folders: list[str] | tuple[str, ...]) -> dict[str, Face]:
    """Each role's face (by key): its first 公文 face found, else the open stand-in."""
    families = _families(tuple(folders))
    faces = {}
    for role in ROLES:
        hit = next((families[n.casefold()] for n in role.faces if n.casefold() in families),
                   None)
        if hit is None:
            faces[role.key] = Face(role, role.open_face, official=False, has_bold=True)
        else:
            faces[role.key] = Face(role, hit[0], official=True,
                                   has_bold=any(w >= 600 for w in hit[1]))
    return faces


def typst_faces(faces: dict[str, Face]) -> dict[str, dict]:
    """What the typst template reads (sys.inputs "bulletin-fonts"): per role the families
    (the face, then the open one for the glyphs it lacks), its weight and whether bold text
    in it has a bold weight to use (else the template thickens the strokes)."""
    return {key: {"font": list(dict.fromkeys([f.family, f.role.open_face])),
                  "weight": f.weight, "bold": f.has_bold}
            for key, f in faces.items()}


def substitution_line(faces: dict[str, Face]) -> str:
    """One sentence for the publish summary and the review: the 公文 faces used, or which
    roles the open fonts stand in for."""
    missing = [f for f in faces.values() if not f.official]
    if not missing:
        used = "，".join(f"{f.role.label} {f.family}" for f in faces.values())
        return f"排版字体：公文字体齐全（{used}），未作替代。"
    named = "、".join(f"{f.role.faces[0]}（{f.role.label}）" for f in missing)
    stand_in = "、".join(dict.fromkeys(f.family for f in missing))
    return (f"排版字体：本机没有 {named}，PDF 中以开源字体 {stand_in} 代替；把公文字体放入 "
            f"dataset.yml 的 fonts 所指文件夹（或环境变量 {FONTS_ENV} 所指文件夹）后重新发布即可。")
