"""The scope of the expensive fixtures that tests of a module share.

A module's tests share one value (``scope=shared``), except under mutmut
(``make mutation``). mutmut credits a function to the tests during which it ran; a
module-scoped fixture runs during the module's first test only, so a mutant in, say, the
cube would be tried against that one test and survive the tests that would have caught it.
mutmut sets ``MUTANT_UNDER_TEST`` (to "stats" while it maps tests to functions, to the
mutant's name while it runs one), and then every test builds its own value.
"""

from __future__ import annotations

import os


def shared(fixture_name: str, config) -> str:
    """pytest's dynamic scope: "module", or "function" when mutmut runs the tests."""
    return "function" if os.environ.get("MUTANT_UNDER_TEST") else "module"
