"""The start-up cache (hireloop/cache.py) only ever makes a start faster: a stale, corrupt or unwritable
cache falls back to building, an edited pack is read afresh, and grades are the same from the cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hireloop import cache
from hireloop.bank import load_bank
from tests.helpers import GOOD_QUESTION

GRADE_DEV_SET = """
import json
from hireloop.assess.engine import RubricGrader
from hireloop.assess.evaluation import load_labeled
from hireloop.bank import load_bank
from hireloop.config import BUILTIN_CONTENT
bank, _ = load_bank([BUILTIN_CONTENT])
grader = RubricGrader()
for case in load_labeled("tests/data/dev-answers.yaml"):
    print(json.dumps(grader.assess(case.request(bank.questions)).to_contract(), sort_keys=True, default=str))
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HIRELOOP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "startup"


def test_a_value_is_built_once_then_read(cache_dir: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"answer": 42}

    key = cache.key("input")
    assert cache.cached("demo", key, build) == {"answer": 42}
    assert cache.cached("demo", key, build) == {"answer": 42}
    assert len(calls) == 1
    assert cache.cached("demo", cache.key("other input"), build) == {"answer": 42}
    assert len(calls) == 2


def test_a_corrupt_entry_is_rebuilt(cache_dir: Path) -> None:
    key = cache.key("input")
    cache.cached("demo", key, lambda: [1, 2, 3])
    (entry,) = (cache_dir / "demo").iterdir()
    entry.write_bytes(b"\x80\x05not a pickle at all")
    assert cache.cached("demo", key, lambda: [4, 5, 6]) == [4, 5, 6]
    assert cache.cached("demo", key, lambda: [7]) == [4, 5, 6]  # the rebuilt value replaced it


def test_an_unwritable_cache_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("HIRELOOP_CACHE_DIR", str(blocker))
    assert cache.cached("demo", cache.key("x"), lambda: "built") == "built"
    bank, errors = load_bank([Path(__file__).parents[1] / "src" / "hireloop" / "bank" / "content"])
    assert not errors and len(bank.questions) > 100


def test_an_edited_pack_is_read_afresh_and_a_broken_one_reported(cache_dir: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    path = pack / "mine.yaml"
    path.write_text(GOOD_QUESTION.format(id="my-recs", round="ml_system_design"))
    bank, errors = load_bank([pack])
    assert not errors and bank.questions["my-recs"].round == "ml_system_design"
    path.write_text(GOOD_QUESTION.format(id="my-recs", round="ai_product_sense"))
    bank, errors = load_bank([pack])
    assert not errors and bank.questions["my-recs"].round == "ai_product_sense"
    path.write_text(GOOD_QUESTION.format(id="my-recs", round="no_such_round"))
    _, errors = load_bank([pack])
    assert errors and errors[0].file == path and "round" in errors[0].field


def _grade_dev_set(env: dict[str, str]) -> list[dict]:
    root = Path(__file__).parents[1]
    out = subprocess.run(
        [sys.executable, "-c", GRADE_DEV_SET], cwd=root, env=env, capture_output=True, text=True, check=True
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_grades_are_the_same_built_and_cached(tmp_path: Path) -> None:
    env = {**os.environ, "HIRELOOP_CACHE_DIR": str(tmp_path / "cache")}
    built = _grade_dev_set(env)  # empty cache: every pre-filter and pack is built, then stored
    assert any((tmp_path / "cache" / "startup" / "gate").iterdir())
    cached = _grade_dev_set(env)  # everything read from the cache
    assert len(built) == 62
    for a, b in zip(built, cached, strict=True):
        a.pop("created_at", None), b.pop("created_at", None)
        assert a == b


def test_patterns_come_back_compiled_identically(cache_dir: Path) -> None:
    import re

    from hireloop.assess import lexicon

    patterns = [c.pattern for c in lexicon.CONCEPTS] + [
        re.compile(r"(?P<first>\w+) and (?P=first)", re.IGNORECASE),
        re.compile(rb"\d+ bytes"),
    ]
    cache.cached("demo", cache.key("patterns"), lambda: patterns)
    back = cache.cached("demo", cache.key("patterns"), lambda: [])
    assert back == patterns  # same pattern, flags and compiled code
    assert back[-2].groupindex == {"first": 1}
    assert back[-2].search("Salt and salt!").group(0) == "Salt and salt"
    assert back[-1].search(b"512 bytes") is not None


def test_a_module_s_patterns_are_kept_for_the_next_start(cache_dir: Path) -> None:
    first = cache.Patterns("tests.test_cache")
    rx = first.compile(r"\bprecision at (?:k|\d+)\b", 2)
    first.save()
    second = cache.Patterns("tests.test_cache")
    assert second._known == {(rx.pattern, 2): rx}
    assert second.compile(r"\bprecision at (?:k|\d+)\b", 2).search("Precision at 10 matters")


def test_old_entries_are_dropped_when_a_new_one_is_stored(cache_dir: Path) -> None:
    cache.cached("demo", cache.key("old"), lambda: "old")
    (old,) = (cache_dir / "demo").iterdir()
    long_ago = old.stat().st_mtime - (cache.MAX_AGE_DAYS + 1) * 86400
    os.utime(old, (long_ago, long_ago))
    cache.cached("demo", cache.key("new"), lambda: "new")
    assert [p.name for p in (cache_dir / "demo").iterdir()] == [f"{cache.key('new')}.pickle"]
