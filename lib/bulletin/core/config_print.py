"""The strings of ``dataset.yml`` the bulletin prints, typeset as the analyst's notes are
(``core.typography``): 地区, 发文机关, the title, the 版记's 报 / 送 / 发, a 公文's
发文机关标志, 署名 and 附注, the titles and 备注 of the score groups, the title of the items
annex and the outline's headings. Names the input is matched against (units, groups' sheet
names, column headers, keys) and a 公文's 发文字号 (checked for its form) are left as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bulletin.core.typography import Fix, fixes, typeset

# Attribute paths of DatasetConfig whose strings (or lists of strings) are printed.
PRINTED = ("region", "authority", "title", "profile.title", "profile.items_annex_title",
           "document.mark", "document.signature", "document.note",
           "distribution.report_to", "distribution.copy_to", "distribution.issue_to")


@dataclass(frozen=True)
class ConfigFix:
    """Punctuation changed in a string of dataset.yml: its key and where it is written."""

    key: str
    fix: Fix  # line: the line of dataset.yml the string is on (0 where it is not found)


def _line_of(source: str, value: str) -> int:
    first = value.split("\n", 1)[0]
    return next((n for n, line in enumerate(source.split("\n"), 1) if first in line), 0)


def _typeset_value(key: str, value: str, source: str, out: list[ConfigFix]) -> str:
    printed = typeset(value)
    if printed != value:
        line = _line_of(source, value)
        out += [ConfigFix(key, Fix(line or f.line, f.before, f.after))
                for f in fixes(value, printed)]
    return printed


def typeset_config(config, source: str) -> list[ConfigFix]:
    """Typeset the printed strings of ``config`` (a DatasetConfig) in place; what changed,
    each with the line of ``source`` (the text of dataset.yml) it is written on."""
    out: list[ConfigFix] = []
    paths = [p.split(".") for p in PRINTED]
    paths += [["scores", "groups", str(i), key] for i in range(len(config.scores.groups))
              for key in ("title", "notes")]
    paths += [["profile", "outline", str(i), key] for i in range(len(config.profile.outline))
              for key in ("title", "headings")]
    for path in paths:
        owner = config
        for name in path[:-1]:
            owner = owner[int(name)] if name.isdigit() else getattr(owner, name)
        value = getattr(owner, path[-1])
        key = ".".join(path)
        if isinstance(value, str):
            setattr(owner, path[-1], _typeset_value(key, value, source, out))
        elif isinstance(value, dict):
            setattr(owner, path[-1], {k: _typeset_value(f"{key}.{k}", v, source, out)
                                      for k, v in value.items()})
        elif isinstance(value, list):
            setattr(owner, path[-1], [_typeset_value(key, v, source, out)
                                      if isinstance(v, str) else v for v in value])
    return out
