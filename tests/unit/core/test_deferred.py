"""The IRI grammars of rfc3987-syntax are built on first use, not when jsonschema is
imported (core.deferred): importing bulletin and then jsonschema (as the kernel does
through altair, and publish through nbformat) compiles none, and a schema checking the
"iri" format still gets the real answers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytest.importorskip("rfc3987_syntax")

CHECK = """
import json, sys
{setup}
import jsonschema
from jsonschema import Draft7Validator
built = "rfc3987_syntax.syntax_helpers" in sys.modules
validator = Draft7Validator({{"format": "iri"}}, format_checker=Draft7Validator.FORMAT_CHECKER)
reference = Draft7Validator({{"format": "iri-reference"}},
                            format_checker=Draft7Validator.FORMAT_CHECKER)
texts = ["http://例子.测试/路径?查询#片段", "not an iri", ":::", "https://a.b/c d", "//host/x"]
print(json.dumps({{"built_at_import": built,
                  "iri": [validator.is_valid(t) for t in texts],
                  "reference": [reference.is_valid(t) for t in texts],
                  "built_after": "rfc3987_syntax.syntax_helpers" in sys.modules}}))
"""


def run(setup: str) -> dict:
    done = subprocess.run([sys.executable, "-c", CHECK.format(setup=setup)], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout)


def test_importing_bulletin_defers_the_grammars_and_the_answers_stay_the_same():
    deferred = run("import bulletin")
    plain = run("")
    assert deferred["built_at_import"] is False
    assert plain["built_at_import"] is True  # what jsonschema alone does
    assert deferred["built_after"] is True  # the first check imported them
    assert deferred["iri"] == plain["iri"] == [True, False, False, False, False]
    assert deferred["reference"] == plain["reference"] == [True, False, False, False, True]


def test_the_stand_in_is_left_out_when_the_package_is_already_imported():
    found = subprocess.run([sys.executable, "-c", (
        "import rfc3987_syntax, sys\n"
        "from bulletin.core.deferred import defer_iri_grammar\n"
        "print(defer_iri_grammar(), sys.modules['rfc3987_syntax'].__file__)")],
        check=True, capture_output=True, text=True).stdout.split()
    assert found[0] == "False" and found[1].endswith("rfc3987_syntax/__init__.py")


def test_once_computes_each_argument_once_and_a_second_thread_waits_for_the_first():
    """``once``: while one thread computes a value, another asking for the same argument
    waits and gets that value; a different argument is computed on its own; the cache's
    counters are the decorated function's."""
    import threading
    import time

    from bulletin.core.deferred import once

    calls: list[str] = []
    started = threading.Event()

    @once
    def slow(key: str) -> list[str]:
        calls.append(key)
        started.set()
        time.sleep(0.2)
        return [key]

    results: list[list[str]] = []
    first = threading.Thread(target=lambda: results.append(slow("a")))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: results.append(slow("a")))
    second.start()
    first.join()
    second.join()
    assert calls == ["a"]
    assert results[0] is results[1] == ["a"]
    assert slow("b") == ["b"] and calls == ["a", "b"]
    info = slow.cache_info()
    assert (info.hits, info.misses, info.currsize) == (1, 2, 2)
    slow.cache_clear()
    assert slow.cache_info().currsize == 0
