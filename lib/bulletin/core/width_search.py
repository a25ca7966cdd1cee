"""The search behind a table's column widths (core.table_widths): among each column's
candidate widths, the choice within the room whose rows take the fewest lines, depth
first with a bound, and a cap on the choices looked at.
"""

from __future__ import annotations

# The most partial choices ``least_lines`` looks at (a table of a few wrapping columns takes some
# hundreds); past it, the best found so far.
SEARCH_NODES = 20000


def least_lines(options: list[list[float]], lines: list[list[list[int]]], room: float,
           best: tuple[int, int], fits) -> list[float] | None:
    """The widths among ``options`` (each column's, narrowest first; ``lines[j][o]``: column
    j's cells' lines in each row at its o-th width) within ``room`` that ``fits`` allows, whose
    rows take fewer lines than ``best`` (the rows' lines, then the cells'), the fewest; None
    if none do. Depth first, the widest first; a branch is left when even the widest
    widths left could not do better than the best found."""
    order = sorted((j for j in range(len(options)) if len(options[j]) > 1),
                   key=lambda j: -len(options[j]))
    rows = range(len(lines[0][0]) if lines else 0)
    still = [j for j in range(len(options)) if j not in order]
    state: dict = {"best": best, "found": None, "nodes": 0}

    def visit(k: int, spare: float, tops: list[int], cells: int, chosen: list[int]) -> None:
        state["nodes"] += 1
        rest = order[k:]
        widest = [max(o for o in range(len(options[j]))
                      if options[j][o] - options[j][0] <= spare + 1e-9) for j in rest]
        bound = [max([tops[r], *(lines[j][o][r] for j, o in zip(rest, widest, strict=True))])
                 for r in rows]
        score = (sum(max(1, b) for b in bound),
                 cells + sum(sum(lines[j][o]) for j, o in zip(rest, widest, strict=True)))
        if score >= state["best"] or state["nodes"] > SEARCH_NODES:
            return
        if not rest:
            widths = [o[0] for o in options]
            for j, o in zip(order, chosen, strict=True):
                widths[j] = options[j][o]
            if fits(widths):
                state["best"], state["found"] = score, widths
            return
        j = rest[0]
        for o in range(widest[0], -1, -1):
            visit(k + 1, spare - (options[j][o] - options[j][0]),
                  [max(t, n) for t, n in zip(tops, lines[j][o], strict=True)],
                  cells + sum(lines[j][o]), [*chosen, o])

    visit(0, room - sum(o[0] for o in options),
          [max([0, *(lines[j][0][r] for j in still)]) for r in rows],
          sum(sum(lines[j][0]) for j in still), [])
    return state["found"]
