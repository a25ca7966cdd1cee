"""Numbers from facts: roll-ups over the registry's scopes, every rate from summed counts
(never averaged), comparisons (环比, 同比, 累计), rankings, and the computing halves of
scores, items, hall and targets, the problem rules and the checks of an input against
itself. No sentences here: the Chinese wording is ``report``'s.
The names below are its face; the report layer may also import a module directly.

Modules::

    rollups       scopes (全市, 市本级, 各县（市、区）, each area), roll-ups, rates
    comparisons   a value against an earlier one, and year to date
    rankings      the n largest or smallest, ties by registry order
    scores        考核得分: rounding, rank changes, categories
    items         事项清单 indicators per unit and rolled up, against targets
    hall          实体大厅 and 便民服务中心 subtotals and totals
    targets       目标跟踪: status and gap
    problems      the problem rules: which units and figures the bulletin names as problems
    checks        the checks of an input against itself (stated totals, scores and ranks…)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bulletin.core.faces import lazy

_EXPORTS = {
    "Scope": "bulletin.indicators.rollups",
    "rollup": "bulletin.indicators.rollups",
    "scopes": "bulletin.indicators.rollups",
    "with_rates": "bulletin.indicators.rollups",
    "Change": "bulletin.indicators.comparisons",
    "year_to_date": "bulletin.indicators.comparisons",
    "top": "bulletin.indicators.rankings",
}
__all__ = [
    "Change",
    "Scope",
    "rollup",
    "scopes",
    "top",
    "with_rates",
    "year_to_date",
]

if TYPE_CHECKING:  # for readers and type checkers; at run time names load lazily
    from bulletin.indicators.comparisons import Change, year_to_date
    from bulletin.indicators.rankings import top
    from bulletin.indicators.rollups import Scope, rollup, scopes, with_rates

__getattr__, __dir__ = lazy(__name__, _EXPORTS)
