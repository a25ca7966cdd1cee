"""Stand-ins for the 公文 faces an office machine has: the open Noto CJK faces (SC) renamed with
fontTools to 方正小标宋简体, 仿宋_GB2312, 黑体 and 楷体_GB2312 (family and full names in every
record; PostScript names of their own, so that a PDF's font list tells them apart)."""

from __future__ import annotations

from pathlib import Path

NOTO = Path("/usr/share/fonts/opentype/noto")

# face → (Noto collection, PostScript name)
STANDINS = {
    "方正小标宋简体": ("NotoSerifCJK-Bold.ttc", "FZXiaoBiaoSong-B05S"),
    "仿宋_GB2312": ("NotoSerifCJK-Regular.ttc", "FangSong_GB2312"),
    "黑体": ("NotoSansCJK-Regular.ttc", "SimHei"),
    "楷体_GB2312": ("NotoSerifCJK-Regular.ttc", "KaiTi_GB2312"),
}


def _sc_face(collection: Path) -> int:
    """The index of the Simplified Chinese face in a Noto CJK collection."""
    from fontTools.ttLib import TTCollection

    fonts = TTCollection(str(collection), lazy=True).fonts
    return next(i for i, font in enumerate(fonts) if font["name"].getDebugName(1).endswith(" SC"))


def write_standins(folder: Path, faces: list[str] | None = None) -> Path:
    """The stand-ins of ``faces`` (default all four) written into ``folder``."""
    from fontTools.ttLib import TTFont

    folder.mkdir(parents=True, exist_ok=True)
    for face in faces or list(STANDINS):
        source, postscript = STANDINS[face]
        font = TTFont(str(NOTO / source), fontNumber=_sc_face(NOTO / source), lazy=True)
        for record in font["name"].names:
            if record.nameID in (1, 4, 16):
                record.string = face
            elif record.nameID == 6:
                record.string = postscript
        font.save(str(folder / f"{postscript}.otf"))
    return folder
