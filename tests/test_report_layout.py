"""The report's layout in narrow terminals, what it says about shared errors and unstarted helpers,
and the JSON form's per-exercise state."""
import json
import re

import numpy as np
import pytest
from rich.cells import cell_len
from rich.console import Console

from grader import exercises
from grader.checking.check import show
from grader.checking.runner import grade
from grader.i18n import T, plain
from grader.render.failure import clip
from grader.render.report import render_exercise
from grader.results import CheckResult, ExerciseResult, GradeReport

ROOT = exercises.ROOT
LONG_TITLE = T("NumPy arrays, broadcasting, slicing, Matplotlib and a few more words",
               "NumPy 배열, 브로드캐스트, 슬라이싱, Matplotlib 그리고 몇 마디 더")


def _check(name, status="passed", message=None, max_score=1.0, **kw):
    return CheckResult(exercise="exercise-03", name=name, description=T(f"{name} works", f"{name} 동작"),
                       max_score=max_score, status=status, score=max_score if status == "passed" else 0.0,
                       message=message, **kw)


def _exercise(checks, title=LONG_TITLE):
    return ExerciseResult(id="exercise-03", title=title, module="ex03_numpy_basics", checks=checks)


def _lines(renderable, width):
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))
    console.print(renderable)
    return console.export_text().splitlines()


STATES = {"not started": [_check("a", "error", not_started=True)],
          "in progress": [_check("a"), _check("b", "failed", plain("Wrong values"))],
          "done": [_check("a"), _check("b")]}
LABELS = {("not started", "en"): "not started", ("not started", "ko"): "시작 전",
          ("in progress", "en"): "in progress", ("in progress", "ko"): "진행 중",
          ("done", "en"): "done", ("done", "ko"): "완료"}


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("state", list(STATES))
def test_the_box_header_keeps_score_and_state_whole(width, lang, state):
    ex = _exercise(STATES[state])
    assert ex.state == state
    lines = _lines(render_exercise(ex, lang), width)
    top = lines[0]
    assert cell_len(top) == width
    label = LABELS[state, lang]
    score = f"{ex.score:g}/{ex.max_score:g}"
    # the state whole, then a space before the border: "... 0/10  not started ─╮"
    assert re.search(rf"{re.escape(score)}  {re.escape(label)} ─+╮$", top), top
    assert "exercise-03" in top
    assert "…" in top  # the long title gave way, not the state
    assert {cell_len(line) for line in lines} == {width}


def test_a_title_that_fits_is_not_cut():
    ex = _exercise(STATES["done"], title=T("Lists", "리스트"))
    top = _lines(render_exercise(ex, "ko"), 60)[0]
    assert "exercise-03 · 리스트  2/2  완료 ─" in top and "…" not in top


def test_arrays_are_cut_at_element_boundaries():
    x = np.random.default_rng(0).normal(size=(6, 7)) * 100
    text = show(x, 160)
    body = text.split("  (shape")[0]
    assert body.endswith(", …"), text
    numbers = re.findall(r"-?\d+\.\d+", body)
    full = {f"{v:.8f}" for v in x.ravel()}
    assert numbers and all(n in full for n in numbers), "a number was cut in two"
    assert text.endswith("(shape (6, 7), dtype float64)")
    assert clip("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]", 20) == "[1, 2, 3, 4, 5, 6, …"
    assert clip("short", 20) == "short"


@pytest.mark.parametrize("width", [80, 60])
def test_messages_with_arrays_wrap_between_numbers(width):
    x = np.random.default_rng(1).normal(size=(3, 4)) * 1000
    message = plain("Wrong values\n  got: " + show(x))
    ex = _exercise([_check("a"), _check("b", "failed", message)])
    lines = _lines(render_exercise(ex, "en"), width)
    assert {cell_len(line) for line in lines} == {width}
    text = " ".join(lines)
    numbers = [float(n) for n in re.findall(r"-?\d+\.\d+", text)]
    assert len(numbers) == x.size and np.allclose(sorted(numbers), np.sort(x.ravel()), atol=1e-7, rtol=0)


def _heading_lines(ex, lang="en"):
    return [line for line in _lines(render_exercise(ex, lang), 100) if "!" in line or "✗" in line]


def test_every_check_only_when_every_check_shares_the_error():
    crash = plain("Your code crashed")
    some = _exercise([_check("a"), _check("b", "error", crash), _check("c", "error", crash)])
    text = "\n".join(_lines(render_exercise(some, "en"), 100))
    assert "Every check" not in text
    assert "b works (and 1 more check, the same error)" in text
    assert text.count("Your code crashed") == 1
    ko = "\n".join(_lines(render_exercise(some, "ko"), 100))
    assert "모든 검사" not in ko and "b 동작 외 검사 1개 (같은 오류)" in ko
    every = _exercise([_check("a", "error", crash), _check("b", "error", crash), _check("c", "error", crash)])
    text = "\n".join(_lines(render_exercise(every, "en"), 100))
    assert "! Every check" in text and text.count("Your code crashed") == 1


def test_a_check_waiting_for_another_function_names_it(tmp_path):
    """forward's checks wait for init_network: the report says which function is not started yet."""
    source = (ROOT / "solutions" / "ex05_activations.py").read_text(encoding="utf-8")
    source += "\n\ndef init_network():\n    raise NotImplementedError\n"
    (tmp_path / "ex05_activations.py").write_text(source, encoding="utf-8")
    report = grade([exercises.find("5")], tmp_path, seed=1)
    ex = report.exercises[0]
    assert ex.state == "in progress"
    waiting = [c for c in ex.checks if c.not_started]
    assert waiting and all(c.waiting_on == "init_network" for c in waiting)
    for lang, words in (("en", "not started: init_network still raises NotImplementedError"),
                        ("ko", "아직 시작하지 않음: init_network는 아직 NotImplementedError를 발생시킵니다")):
        text = "\n".join(_lines(render_exercise(ex, lang, str(tmp_path)), 120))
        about_forward = [c for c in waiting if "forward" in c.name]
        assert about_forward, [c.name for c in waiting]
        assert text.count(words) == len(about_forward), text  # not for init_network's own check


def test_json_has_each_exercises_state():
    report = GradeReport([_exercise(checks) for checks in STATES.values()], seed=3, target=".")
    data = json.loads(json.dumps(report.to_json("en")))
    assert [e["state"] for e in data["exercises"]] == ["not started", "in progress", "done"]
    for e in data["exercises"]:  # the fields that were there stay as they were
        assert set(e) == {"id", "title", "score", "max_score", "state", "checks"}
    assert set(data) == {"score", "max_score", "seed", "exercises"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_real_reports_fit_80_and_60_columns(lang, tmp_path):
    """Stubs (not started), a wrong answer (in progress) and the reference (done), with the kit's titles."""
    wrong = (ROOT / "solutions" / "ex06_softmax.py").read_text(encoding="utf-8")
    wrong += "\n\ndef softmax(a):\n    a = np.asarray(a, dtype=float)\n    e = np.exp(a - np.max(a))\n" \
             "    return e / np.sum(e)\n"
    (tmp_path / "ex06_softmax.py").write_text(wrong, encoding="utf-8")
    found = [grade([exercises.find("3")], ROOT / "exercises", seed=1).exercises[0],
             grade([exercises.find("6")], tmp_path, seed=1).exercises[0],
             grade([exercises.find("9")], ROOT / "solutions", seed=1).exercises[0]]
    assert [ex.state for ex in found] == ["not started", "in progress", "done"]
    for ex in found:
        label = LABELS[ex.state, lang]
        for width in (80, 60):
            lines = _lines(render_exercise(ex, lang), width)
            assert {cell_len(line) for line in lines} == {width}
            assert re.search(rf"  {re.escape(f'{ex.score:g}/{ex.max_score:g}')}  {re.escape(label)} ─+╮$", lines[0]), \
                lines[0]
            assert not re.findall(r"\d…", "\n".join(lines)), "a number was cut"  # "…" only after an element
