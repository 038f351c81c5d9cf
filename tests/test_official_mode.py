"""Official grading: a student kit's answer key, replayed as a lookup table, earns nothing.

The attack: a learner module with no function written, whose every function looks its
arguments up in the kit's answer key (the same digests the kit computes) and returns the
recorded answer.  With the kit's fixed public inputs that scores 7/10 on exercise-05 and
6/10 on exercise-03 with ``grade``.  In official grading (``--official`` or
``GRADER_OFFICIAL=1``), public checks also run on fresh inputs, and an exercise whose
code passes the kit's inputs but not fresh ones earns no public points.
"""
from __future__ import annotations

import base64
import pickle
import re
from pathlib import Path

import pytest

from grader import exercises, seeds
from grader.checking import plugin, reference
from grader.checking.answer_key import Store, key_path
from grader.checking.answer_key.transport import decode_value
from grader.checking.runner import GraderError, grade
from grader.checking.spec import CheckSpec
from grader.i18n import plain
from grader.instructor.record_keys import record_public_checks
from grader.results import CheckResult

ROOT = exercises.ROOT
ATTACKED = {"exercise-05": 7, "exercise-03": 6}  # what the lookup table scores today with ``grade``

# The lookup table, as a student who read the kit's grader would write it: the key of a call
# is the digest the kit computes (grader.checking.answer_key.keys), rebuilt without the grader.
LOOKUP = '''
import base64, hashlib, json, pickle
import numpy as np

TABLE = pickle.loads(base64.b64decode(%r))


def _key(v):
    t = type(v)
    if v is None or t is bool or t is str:
        return v
    if t is int:
        return ["int", str(v)]
    if t is float:
        return ["float", repr(v)]
    if isinstance(v, np.ndarray):
        return ["array", v.dtype.str, list(v.shape),
                hashlib.blake2b(np.ascontiguousarray(v).tobytes(), digest_size=20).hexdigest()]
    if isinstance(v, np.generic):
        return ["scalar", v.dtype.str, v.tobytes().hex()]
    if isinstance(v, (list, tuple)):
        return ["tuple" if isinstance(v, tuple) else "list", [_key(x) for x in v]]
    if isinstance(v, dict):
        return ["dict", [[_key(a), _key(b)] for a, b in v.items()]]
    return repr(v)


def _answer(name, args, kwargs):
    data = [["ref", [["get", name]], ""], "call", [_key(args), _key(kwargs)]]
    digest = hashlib.sha256(json.dumps(data, separators=(",", ":"), ensure_ascii=True).encode()).hexdigest()
    return pickle.loads(TABLE[name][digest])


def _function(name):
    def function(*args, **kwargs):
        return _answer(name, args, kwargs)
    function.__name__ = name
    return function


for _name in TABLE:
    globals()[_name] = _function(_name)
'''


def lookup_module(store: Store, path: Path) -> Path:
    """A learner module that answers every recorded call on a module function of ``store``."""
    table: dict[str, dict[str, bytes]] = {}
    for key, entry in store.entries.items():
        match = re.fullmatch(r"ref\.(\w+)\(.*", entry.get("call", ""), re.S)
        if match and entry.get("kind") == "value":
            table.setdefault(match.group(1), {})[key] = pickle.dumps(decode_value(entry["value"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(LOOKUP % base64.b64encode(pickle.dumps(table)).decode(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def lookup(tmp_path_factory) -> Path:
    """A folder of lookup-table modules built from the answer keys ``grade release`` records."""
    folder = tmp_path_factory.mktemp("lookup")
    selected = [exercises.find(ex_id) for ex_id in ATTACKED]
    stores, failed = record_public_checks(ROOT, selected)
    assert not failed
    for ex in selected:
        lookup_module(stores[ex.module], folder / ex.filename)
    return folder


def public(report, ex_id: str) -> list[CheckResult]:
    (ex,) = [e for e in report.exercises if e.id == ex_id]
    return [c for c in ex.checks if not c.hidden]


def official(ex_id: str, target: Path, seed: int = 4242):
    return grade([exercises.find(ex_id)], target, seed=seed, extra_args=("--official",))


@pytest.mark.parametrize("ex_id", sorted(ATTACKED))
def test_a_lookup_table_of_the_answer_key_earns_nothing_in_official_grading(lookup, ex_id):
    today = grade([exercises.find(ex_id)], lookup, seed=4242)
    assert sum(c.score for c in public(today, ex_id)) == ATTACKED[ex_id]  # the attack works with ``grade``
    checks = public(official(ex_id, lookup), ex_id)
    assert sum(c.score for c in checks) == 0, [(c.name, c.score) for c in checks]
    forfeited = [c for c in checks if "replaying the kit's answer key" in c.message.en]
    fresh = [c for c in checks if "with fresh inputs (seed" in c.message.en]
    assert forfeited and fresh  # the fixed-input checks lose their points too, and each says why
    assert all("키트" in c.message.ko for c in forfeited + fresh)
    assert all(c.hint and "any input" in c.hint.en and "어떤 입력에도" in c.hint.ko for c in forfeited)


def test_the_environment_variable_turns_official_grading_on(lookup, monkeypatch):
    monkeypatch.setenv(seeds.OFFICIAL_VARIABLE, "1")
    report = grade([exercises.find("exercise-05")], lookup, seed=7)
    assert sum(c.score for c in public(report, "exercise-05")) == 0


@pytest.mark.parametrize("ex_id", [f"exercise-{n:02d}" for n in range(1, 10)])
def test_official_grading_gives_the_reference_full_marks_and_the_stubs_nothing(ex_id):
    """Also what :func:`grader.checking.plugin.forfeit_fixed_only` must never touch: correct code."""
    for seed in (1, 987654, 20261202):
        solved = official(ex_id, ROOT / "solutions", seed)
        assert solved.score == solved.max_score, [(c.name, c.message) for e in solved.exercises for c in e.checks
                                                  if c.status != "passed"]
    assert official(ex_id, ROOT / "exercises").score == 0


def test_an_honest_mistake_on_fresh_inputs_costs_only_that_check():
    results = [CheckResult("exercise-05", name, plain(name), 1.0, "passed", score=1.0)
               for name in ("a", "b", "c", "fixed")]
    results[0].score, results[0].status = 0.0, "failed"
    twice = {"exercise-05": {"a": False, "b": True, "c": True}}
    assert plugin.forfeit_replayed(results, twice) == []
    assert [r.score for r in results] == [0.0, 1.0, 1.0, 1.0]
    twice["exercise-05"]["b"] = False  # half of them: that is what a replayed key does
    results[1].score = 0.0
    assert plugin.forfeit_replayed(results, twice) == ["exercise-05"]
    assert [r.score for r in results] == [0.0] * 4


def test_a_hidden_check_passed_clears_the_suspicion():
    """Hidden checks see fresh inputs too: code that passes one of them is not replaying the kit's key."""
    results = [CheckResult("exercise-06", name, plain(name), 1.0, "passed", score=1.0) for name in ("a", "b", "fixed")]
    results[0].score = results[1].score = 0.0
    results.append(CheckResult("exercise-06", "h", plain("h"), 1.0, "passed", score=1.0, hidden=True))
    assert plugin.forfeit_replayed(results, {"exercise-06": {"a": False, "b": False}}) == []
    assert [r.score for r in results] == [0.0, 0.0, 1.0, 1.0]


def test_an_honest_slip_on_fresh_inputs_is_not_taken_for_a_replay(tmp_path):
    """softmax shifting by the maximum only when it is large (and in place): wrong on some fresh inputs only."""
    source = (ROOT / "solutions" / "ex06_softmax.py").read_text(encoding="utf-8")
    slip = ("    if np.max(a) > 7:\n        a -= c\n        exp_a = np.exp(a)\n"
            "    else:\n        exp_a = np.exp(a)\n")
    assert "    exp_a = np.exp(a - c)" in source
    (tmp_path / "ex06_softmax.py").write_text(source.replace("    exp_a = np.exp(a - c)", slip.rstrip("\n"), 1),
                                              encoding="utf-8")
    plain_run = grade([exercises.find("exercise-06")], tmp_path, seed=6)
    official_run = official("exercise-06", tmp_path, seed=6)
    assert not any(c.message and "replaying the kit's answer key" in c.message.en for c in official_run.exercises[0].checks)
    assert official_run.score >= plain_run.score - 2, (plain_run.score, official_run.score)


def test_fresh_public_inputs_are_not_the_kits_and_follow_the_run_seed():
    name = "test_sigmoid_values"
    kit = seeds.check_seed(name, False, 1)
    assert seeds.fresh_public_seed(name, 1) != kit
    assert seeds.fresh_public_seed(name, 1) != seeds.fresh_public_seed(name, 2)
    assert seeds.fresh_public_seed(name, 1) != seeds.check_seed(name, True, 1)  # nor a hidden check's
    assert seeds.official_from_environment({"GRADER_OFFICIAL": "1"})
    assert not seeds.official_from_environment({"GRADER_OFFICIAL": ""})


def test_official_grading_refuses_a_recorded_answer_key(monkeypatch, tmp_path):
    ex = exercises.find("exercise-05")
    Store(ex.module, ex.id).save(key_path(ex.module, tmp_path))
    monkeypatch.setenv(reference.ENV, str(tmp_path))
    with pytest.raises(GraderError, match="Official grading needs the reference solutions"):
        official("exercise-05", ROOT / "solutions")


def test_fresh_inputs_never_enter_an_answer_key(monkeypatch):
    ex = exercises.find("exercise-05")
    stores, _ = record_public_checks(ROOT, [ex])
    monkeypatch.setenv(seeds.OFFICIAL_VARIABLE, "1")
    again, failed = record_public_checks(ROOT, [ex])
    assert not failed and again[ex.module].entries.keys() == stores[ex.module].entries.keys()


def test_a_check_file_may_keep_a_costly_check_to_one_run():
    ex = exercises.find("exercise-10")
    marker = pytest.mark.check(points=1, description=plain("train")).mark
    module = type("CheckFile", (), {"OFFICIAL_ONCE": ("test_train",)})
    assert CheckSpec.from_marker(marker, ex, "test_train", module).official_once
    assert not CheckSpec.from_marker(marker, ex, "test_predict", module).official_once
    assert not CheckSpec.from_marker(marker, ex, "test_train", None).official_once


def test_gradescope_grades_officially(lookup, tmp_path):
    """`grade --format gradescope` is official grading: the lookup table's public points are gone there too."""
    from grader.cli import main
    results = tmp_path / "results.json"
    main(["exercise-05", "--target", str(lookup), "--seed", "4242", "--format", "gradescope",
          "--results", str(results), "--unsafe-no-sandbox"])
    import json
    tests = json.loads(results.read_text(encoding="utf-8"))["tests"]
    public_tests = [t for t in tests if t.get("visibility") != "hidden" and not t["extra_data"].get("hidden")]
    assert public_tests and sum(t["score"] for t in public_tests) == 0, public_tests


def test_grade_batch_grades_officially(lookup, tmp_path):
    """`grade batch` is official grading: the lookup table scores nothing there, an honest classmate full marks."""
    import csv
    import shutil

    from grader.instructor import batch
    from grader.sandbox import guarantee
    subs = tmp_path / "subs"
    (subs / "table").mkdir(parents=True)
    (subs / "honest").mkdir()
    shutil.copy(lookup / exercises.find("exercise-05").filename, subs / "table")
    shutil.copy(ROOT / "solutions" / exercises.find("exercise-05").filename, subs / "honest")
    out = tmp_path / "out"
    args = [str(subs), "--out", str(out), "--exercises", "05", "--jobs", "1", "--seed", "4242", "--lang", "en"]
    batch.main(args + (["--unsafe-no-sandbox"] if guarantee.missing() else []))
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    column = next(k for k in rows["table"] if "05" in k)
    assert float(rows["table"][column]) == 0, rows
    assert float(rows["honest"][column]) == 10, rows
