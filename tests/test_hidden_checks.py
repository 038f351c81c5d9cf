"""Hidden checks cannot be passed by hard-coding, and --seed repeats a run exactly."""
import json
import pickle

import pytest

from grader import exercises
from grader.sandbox.process import LearnerProcess
from grader.checking.runner import grade

ROOT = exercises.ROOT

REPLAY = '''
import pickle
from pathlib import Path

import numpy as np

_TABLE = pickle.loads(Path(__file__).with_name("answers.pkl").read_bytes())


def _same(a, b):
    try:
        return type(a) is type(b) and np.shape(a) == np.shape(b) and bool(np.all(np.asarray(a) == np.asarray(b)))
    except Exception:
        return False


def _replay(name, args, kwargs):
    """The value the reference returned for exactly these arguments in the public checks."""
    for known, known_args, known_kwargs, value in _TABLE:
        if known == name and len(known_args) == len(args) and all(map(_same, known_args, args)) \\
                and known_kwargs.keys() == kwargs.keys() and all(_same(known_kwargs[k], kwargs[k]) for k in kwargs):
            return value
    return np.zeros(np.shape(args[0])) if args else None
'''


def record_public_answers(exercise, monkeypatch):
    """Every module-level call the public checks make, with what the reference returned."""
    table = []
    original = LearnerProcess.request

    def recording(self, message, what, timeout=None):
        value = original(self, message, what, timeout)
        if message[0] == "call" and message[1] is None and message[2]:
            try:
                pickle.dumps((message[3], message[4], value))
            except Exception:
                return value  # handles and objects: not replayable
            table.append((message[2], message[3], message[4], value))
        return value

    monkeypatch.setattr(LearnerProcess, "request", recording)
    report = grade([exercise], ROOT / "solutions", seed=1)
    monkeypatch.undo()
    assert report.full_marks
    return table


@pytest.mark.parametrize("token", ["exercise-06", "exercise-07"])
def test_hard_coded_public_answers_fail_every_hidden_check(token, tmp_path, monkeypatch):
    exercise = exercises.find(token)
    table = record_public_answers(exercise, monkeypatch)
    names = sorted({name for name, *_ in table})
    (tmp_path / "answers.pkl").write_bytes(pickle.dumps(table))
    source = REPLAY + "".join(f"\n\ndef {n}(*args, **kwargs):\n    return _replay({n!r}, args, kwargs)\n"
                              for n in names)
    (tmp_path / exercise.filename).write_text(source, encoding="utf-8")

    result = grade([exercise], tmp_path, seed=12345).exercises[0]
    public = [c for c in result.checks if not c.hidden]
    hidden = [c for c in result.checks if c.hidden]
    assert hidden
    assert sum(c.status == "passed" for c in public) >= len(public) // 2, "the replay should pass public checks"
    assert all(c.status != "passed" for c in hidden), [c.name for c in hidden if c.status == "passed"]


def _wrong_softmax(tmp_path):
    source = (ROOT / "solutions" / "ex06_softmax.py").read_text(encoding="utf-8")
    source += "\n\ndef softmax(a):\n    a = np.asarray(a, dtype=float)\n    return np.exp(a) / np.sum(np.exp(a))\n"
    (tmp_path / "ex06_softmax.py").write_text(source, encoding="utf-8")
    return tmp_path


def test_seed_repeats_a_run_exactly(tmp_path):
    target = _wrong_softmax(tmp_path)
    ex06 = exercises.find("6")
    first = grade([ex06], target, seed=4242)
    again = grade([ex06], target, seed=4242)
    other = grade([ex06], target, seed=4243)
    assert first.seed == again.seed == 4242
    assert json.dumps(first.to_json()) == json.dumps(again.to_json())
    hidden_messages = lambda report: [c.message for c in report.exercises[0].checks if c.hidden and c.message]  # noqa: E731
    assert hidden_messages(first) and hidden_messages(first) != hidden_messages(other)
    public_messages = lambda report: [c.message for c in report.exercises[0].checks if not c.hidden]  # noqa: E731
    assert public_messages(first) == public_messages(other)  # public checks see the same inputs every run


def test_without_a_seed_each_run_draws_a_fresh_one(tmp_path):
    target = _wrong_softmax(tmp_path)
    seeds = {grade([exercises.find("6")], target).seed for _ in range(3)}
    assert len(seeds) > 1
