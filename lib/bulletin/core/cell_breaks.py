"""How a table's body cell is broken into lines, one rule for the PDF, the Word file, the
site and the column widths (core.table_widths) alike, so that what the widths plan is what
prints.

A name (a unit's, an indicator's, 「80%以上」: any text cell that is no sentence) breaks
between its phrases only (``core.phrases.cell_phrases``: 「格里坪镇 / 便民服务中心」, never
「…便民服务中 / 心」); a phrase wider than its column is cut as a header's is
(``core.phrases.split_phrase``: pieces of two characters at least, no number cut), and the
review names it (core.table_widths.cut_cells). A sentence (``core.phrases.is_sentence``:
seed 002's 国内前沿水平) wraps as running text does — between any two characters, a number
or a Latin word whole, no line starting with a closing mark or ending with an opening one
(``prose_lines``) — and its last line holds two characters at least. No line ever holds
one character alone.

``cell_spans`` is what a renderer is given: the pieces of a cell's text, each kept whole
or not, a line breaking between them only.
"""

from __future__ import annotations

from functools import cache

from bulletin.core.phrases import (
    cell_phrases,
    fill,
    is_sentence,
    mark_tokens,
    split_phrase,
    text_width,
    tokens,
)


def _units(text: str) -> list[str]:
    """What a sentence's lines are filled with: its tokens (``core.phrases.mark_tokens``: no
    mark parted from its character), its last two as one (its last line)."""
    parts = mark_tokens(text)
    return [*parts[:-2], "".join(parts[-2:])] if len(parts) > 2 else ["".join(parts)]


def prose_lines(text: str, width: float) -> list[str]:
    """A sentence in lines of at most ``width`` ems as running text fills them, its last two
    tokens together (``_units``: never 「全覆 / 盖。」), filled as ``fill`` fills pieces."""
    return fill(_units(text), width)


def cell_pieces(text: str, width: float) -> list[str]:
    """The pieces a name may break between in a column ``width`` ems wide: its phrases,
    one wider than the column cut by ``split_phrase``."""
    return [piece for phrase in cell_phrases(text)
            for piece in split_phrase(phrase, width, marks=True)]


def cell_lines(text: str, width: float) -> list[str]:
    """A body cell's lines in a column ``width`` ems wide: a name's pieces filled greedily
    (``core.phrases.fill``), a sentence's lines as running text (``prose_lines``)."""
    return list(_cell_lines(text, width))


@cache
def _cell_lines(text: str, width: float) -> tuple[str, ...]:
    if _as_prose(text, width):
        return tuple(prose_lines(text, width))
    return tuple(fill(cell_pieces(text, width), width))


@cache
def _as_prose(text: str, width: float) -> bool:
    """Whether a cell is broken as running text in a column ``width`` ems wide: a sentence,
    unless its phrases each fit a line and take no more lines than running text would
    (「暂缺国内前沿水平, / 无法对比」, not 「…前沿水 / 平,无法对比」)."""
    if not is_sentence(text):
        return False
    phrases = fill(cell_phrases(text), width)
    return (any(text_width(p.rstrip()) > width + 1e-9 for p in cell_phrases(text))
            or len(phrases) > len(prose_lines(text, width)))


def cell_spans(text: str, width: float) -> list[tuple[str, bool]]:
    """A body cell's text as a renderer is given it for a column ``width`` ems wide: pieces
    (joined they are ``text``), each with whether it is kept whole; a line breaks between
    them, and inside a piece not kept whole as text does. A name (or a sentence whose
    phrases fit, ``_as_prose``): its pieces (``cell_pieces``), each whole; a sentence: its
    text, then its last two tokens whole."""
    if not text.strip():
        return [(text, False)] if text else []
    if _as_prose(text, width):
        tail = _units(text)[-1]
        head = text[:len(text) - len(tail)]
        return [(head, False), (tail, True)] if head else [(tail, True)]
    return [(piece, True) for piece in cell_pieces(text, width)]


def least_width(text: str) -> float:
    """The narrowest a body cell's column may go with no line holding one character alone:
    a name's phrases cut in pieces of two characters at least; a sentence's widest two
    units (``_units``) side by side, so that a line holds two of them but the last, which
    holds its last two tokens."""
    if is_sentence(text):
        units = _units(text)
        return max(text_width((a + b).strip()) for a, b in zip(units, [*units[1:], ""]))
    return max([0.0, *(text_width(piece.rstrip()) for phrase in cell_phrases(text)
                       for piece in split_phrase(phrase, 0.0, marks=True))])


def run_widths(text: str, low: float, high: float) -> list[float]:
    """The widths in ems, above ``low`` and up to ``high``, of the runs of ``text``'s
    tokens: the only widths at which ``cell_lines`` may change, as each of its tests sets a
    run's width against the line's."""
    sizes = [text_width(token) for token in tokens(text)]
    found = set()
    for start in range(len(sizes)):
        total = 0.0
        for size in sizes[start:]:
            total += size
            if total > high + 1e-9:
                break
            if total > low + 1e-9:
                found.add(round(total, 9))  # (within the fit test's 1e-9)
    return sorted(found)
