"""How many examples a property test (hypothesis) tries.

Each states what the full suite tries (``make test``, CI, mutmut):
``@settings(max_examples=examples(600))``. ``make check`` runs with hypothesis's ``check``
profile (``--hypothesis-profile=check``, registered in tests/conftest.py: 20 examples
where the default is 100), under which each tries a fifth of that."""

from __future__ import annotations

from hypothesis import settings

CHECK = 20  # the check profile's max_examples


def examples(full: int) -> int:
    """``full`` under the default profile; scaled as the loaded profile is (at least 5)."""
    scale = settings().max_examples / settings.get_profile("default").max_examples
    return max(min(full, 5), round(full * scale))
