"""Gradescope: whatever goes wrong, ``results.json`` exists and says what happened.

A grader failure (an exception anywhere in grading, an unreadable submission, a crashed
worker) writes a file that says so with score 0 (:func:`write_failure`), never no file;
and the run confines learner code: as root, a worker gives up root.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader import exercises
from grader.checking.runner import GraderError, grade
from grader.i18n import T
from grader.render import gradescope
from grader.render.gradescope import write_failure, write_graded

ROOT = exercises.ROOT
EX05 = exercises.find("exercise-05")
SOLUTION = (ROOT / "solutions" / EX05.filename).read_text(encoding="utf-8")


def read(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data["score"], float) and isinstance(data["tests"], list)
    return data


def says_it_failed(data: dict) -> bool:
    return (data["score"] == 0 and data["extra_data"]["grader_status"] == "error"
            and "could not grade" in data["output"] and data["tests"][0]["status"] == "failed")


@pytest.mark.parametrize("error", [GraderError("pytest exited with 3"), T("Refusing to grade", "채점을 거부합니다"),
                                   "a plain message", ValueError()])
def test_write_failure_says_the_submission_was_not_graded(tmp_path, error):
    path = tmp_path / "missing" / "folder" / "results.json"
    write_failure(path, error, "en")
    data = read(path)
    assert says_it_failed(data) and "max_score" not in data
    assert gradescope.error_text(error) in data["output"]
    write_failure(path, error, "ko")
    assert "채점하지 못해" in read(path)["output"]


def test_write_failure_writes_a_file_even_for_an_error_that_cannot_be_encoded(tmp_path):
    path = tmp_path / "results.json"
    write_failure(path, "broken \udcff surrogate", "en")  # not UTF-8: the full document cannot be written
    data = read(path)
    assert data["score"] == 0 and "could not grade" in data["output"]


def test_write_failure_keeps_the_error_short(tmp_path):
    write_failure(tmp_path / "results.json", RuntimeError("x" * 100_000))
    assert len(read(tmp_path / "results.json")["extra_data"]["error"]) == gradescope.MAX_ERROR


def test_write_failure_replaces_a_link_instead_of_writing_through_it(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (tmp_path / "results.json").symlink_to(victim)
    write_failure(tmp_path / "results.json", "boom")
    assert victim.read_text(encoding="utf-8") == "keep" and says_it_failed(read(tmp_path / "results.json"))


def test_write_graded_writes_a_failure_when_grading_raises(tmp_path):
    path = tmp_path / "results.json"

    def broken():
        raise TypeError("a bug in the grader")

    assert write_graded(path, broken) is None
    data = read(path)
    assert says_it_failed(data) and "TypeError: a bug in the grader" in data["output"]


def test_write_graded_writes_a_failure_when_interrupted_and_still_stops(tmp_path):
    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_graded(tmp_path / "results.json", interrupted)
    assert says_it_failed(read(tmp_path / "results.json"))


def test_write_graded_writes_a_failure_when_the_report_cannot_be_written(tmp_path, monkeypatch):
    def unreadable(report, lang="en"):
        raise UnicodeEncodeError("utf-8", "", 0, 1, "bad")

    monkeypatch.setattr(gradescope, "results_json", unreadable)
    write_graded(tmp_path / "results.json", lambda: grade([EX05], ROOT / "solutions", seed=1))
    assert says_it_failed(read(tmp_path / "results.json"))


@pytest.mark.parametrize("kind", ["crash", "garbage", "folder", "undecodable"])
def test_a_submission_that_cannot_be_graded_still_gets_a_results_file(tmp_path, kind):
    target = tmp_path / "submission"
    target.mkdir()
    learner = target / EX05.filename
    if kind == "crash":
        learner.write_text("import os\nos._exit(3)\n", encoding="utf-8")
    elif kind == "garbage":
        learner.write_bytes(os.urandom(4096))
    elif kind == "folder":
        learner.mkdir()
    else:
        learner.write_bytes(b"def step_function(x):\n    return '\xff\xfe'\n")
    path = tmp_path / "results.json"
    report = write_graded(path, lambda: grade([EX05], target, seed=1))
    data = read(path)
    assert data["score"] == 0
    if report is None:
        assert says_it_failed(data)
    else:  # graded: every check is there, failed, with what went wrong
        assert len(data["tests"]) == len(report.exercises[0].checks)
        assert all(t["status"] == "failed" and t["output"] for t in data["tests"])


@pytest.mark.requires("landlock", "fork")
def test_the_gradescope_run_confines_the_submission_and_gives_up_root(tmp_path):
    """The code Gradescope grades reads no grader file and, as root, keeps no power of root."""
    target = tmp_path / "submission"
    target.mkdir()
    probe = f"""
import os
def _confined():
    try:
        open({str(ROOT / "solutions" / EX05.filename)!r}).read()
        return False
    except OSError:
        pass
    if os.getuid() != 0:
        return True
    try:
        os.setuid(12345)
    except PermissionError:
        return True
    return False
CONFINED = _confined()
"""
    (target / EX05.filename).write_text(probe + SOLUTION.replace("def step_function(x):", (
        "def step_function(x):\n    if not CONFINED:\n        return x * 0\n")), encoding="utf-8")
    results = tmp_path / "results.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "grader", "exercise-05", "--target", str(target), "--format",
                    "gradescope", "--results", str(results)], cwd=ROOT, env=env, capture_output=True,
                   timeout=600, check=False)
    data = read(results)
    step = [t for t in data["tests"] if t["extra_data"]["check"] == "step_function_values"]
    assert step and step[0]["status"] == "passed", step


def test_ensure_results_writes_a_failure_when_the_command_raises_or_writes_nothing(tmp_path):
    path = tmp_path / "results.json"
    with pytest.raises(SystemExit):
        with gradescope.ensure_results(path):
            raise SystemExit(2)
    assert says_it_failed(read(path)) and "SystemExit" in read(path)["output"]
    with gradescope.ensure_results(path):  # stopped early (a refusal, a usage error): an old file is not enough
        pass
    assert "stopped before it wrote" in read(path)["output"]
    with gradescope.ensure_results(path):
        write_graded(path, lambda: grade([EX05], ROOT / "solutions", seed=1))
    assert read(path)["score"] == 10 and "grader_status" not in read(path).get("extra_data", {})


def test_the_command_writes_a_failure_when_grading_raises(tmp_path, monkeypatch):
    from grader import cli
    from grader.checking import runner

    def broken(*args, **kwargs):
        raise RuntimeError("the checks could not be loaded")
    monkeypatch.setattr(runner, "grade", broken)
    results = tmp_path / "out" / "results.json"
    code = cli.main(["exercise-05", "--solutions", "--format", "gradescope", "--results", str(results),
                     "--unsafe-no-sandbox"])
    data = read(results)
    assert code != 0 and says_it_failed(data) and "the checks could not be loaded" in data["output"]


def test_the_command_writes_a_failure_when_it_refuses_to_grade(tmp_path, monkeypatch):
    from grader import cli
    from grader.sandbox import guarantee
    monkeypatch.setattr(guarantee, "missing", lambda: "no Landlock here")
    results = tmp_path / "results.json"
    assert cli.main(["exercise-05", "--solutions", "--format", "gradescope", "--results", str(results)]) == 2
    data = read(results)
    assert says_it_failed(data) and "no Landlock here" in data["output"]


def test_the_command_writes_a_failure_for_a_usage_error_after_parsing(tmp_path):
    from grader import cli
    results = tmp_path / "results.json"
    assert cli.main(["exercise-05", "--target", str(tmp_path / "missing"), "--format", "gradescope",
                     "--results", str(results), "--unsafe-no-sandbox"]) == 2
    assert says_it_failed(read(results))


@pytest.mark.parametrize("spelling", ["apart", "joined"])
def test_the_command_writes_a_failure_for_a_command_line_the_parser_refuses(tmp_path, capsys, spelling):
    """``--seed notanumber`` stops in the parser, before any option is known: the file is still written."""
    from grader import cli
    results = tmp_path / "results.json"
    where = ["--results", str(results)] if spelling == "apart" else [f"--results={results}"]
    form = ["--format", "gradescope"] if spelling == "apart" else ["--format=gradescope"]
    with pytest.raises(SystemExit) as stopped:
        cli.main(["exercise-05", "--solutions", *form, *where, "--seed", "notanumber"])
    assert stopped.value.code == 2 and "notanumber" in capsys.readouterr().err
    data = read(results)
    assert says_it_failed(data) and "notanumber" in data["output"]
    with pytest.raises(SystemExit):  # without --format gradescope nothing is written
        cli.main(["exercise-05", "--results", str(tmp_path / "other.json"), "--seed", "x"])
    assert not (tmp_path / "other.json").exists()
