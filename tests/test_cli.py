"""The command line contract: ids, --target/--solutions, --json, exit codes, plain output."""
import json
import os
import subprocess
import sys

import pytest

from grader import exercises
from grader.cli import main
from grader.render.report import render_to_text
from grader.checking.runner import grade

ROOT = exercises.ROOT


def run_grade(*args, env=None):
    return subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=300)


@pytest.mark.parametrize("token", ["exercise-05", "5", "05", "ex05", "ex05_activations"])
def test_exercise_ids(token):
    assert exercises.find(token).id == "exercise-05"


@pytest.mark.parametrize("token", ["exercise-99", "six", "0", ""])
def test_unknown_ids(token):
    assert exercises.find(token) is None


def test_unknown_id_is_a_usage_error_that_lists_valid_ids(capsys):
    assert main(["exercise-42"]) == 2
    err = capsys.readouterr().err
    assert "exercise-01" in err and "exercise-09" in err


@pytest.mark.parametrize("tokens, word", [(["list", "all"], "all"), (["all", "5"], "all"), (["5", "list"], "list")])
def test_all_and_list_stand_alone(tokens, word, capsys):
    assert main(tokens) == 2
    assert f"'{word}' stands alone: grade {word}" in " ".join(capsys.readouterr().err.split())


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.startswith("grade 0.")


def test_solutions_are_found_from_anywhere(tmp_path):
    run = subprocess.run([sys.executable, "-m", "grader", "exercise-05", "--solutions", "--seed", "1"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0 and "10/10" in run.stdout, run.stderr


def test_bad_option_is_a_usage_error():
    with pytest.raises(SystemExit) as exc:
        main(["--no-such-option"])
    assert exc.value.code == 2


def test_list_names_every_exercise(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for ex in exercises.available():
        assert ex.id in out and ex.filename in out


def test_quick_exit_still_does_what_a_normal_exit_does(tmp_path):
    """`grade` skips the interpreter's tear-down, not its duties: threads finish, atexit runs, output is flushed."""
    log = tmp_path / "log"
    script = ("import atexit, sys, threading, time\n"
              "from grader import cli\n"
              f"log = {str(log)!r}\n"
              "atexit.register(lambda: open(log, 'a').write('atexit\\n'))\n"
              "threading.Thread(target=lambda: (time.sleep(0.3), open(log, 'a').write('thread\\n'))).start()\n"
              "sys.argv = ['grade', 'list']\n"
              "cli.run()\n"
              "open(log, 'a').write('not reached\\n')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert log.read_text().splitlines() == ["thread", "atexit"]
    assert all(ex.id in done.stdout for ex in exercises.available())


def test_quick_exit_keeps_the_exit_code():
    assert run_grade("exercise-05", "--seed", "1").returncode == 1  # stubs fall short
    assert run_grade("exercise-05", "--solutions", "--seed", "1").returncode == 0
    assert run_grade("exercise-99").returncode == 2


def test_json_to_stdout_has_the_contract_shape():
    proc = run_grade("--target", "solutions", "exercise-07", "--json", "-", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) >= {"score", "max_score", "exercises"}
    assert data["score"] == data["max_score"] == 10
    (ex,) = data["exercises"]
    assert set(ex) == {"id", "title", "score", "max_score", "state", "checks"}
    assert ex["id"] == "exercise-07"
    for check in ex["checks"]:
        assert set(check) == {"name", "description", "score", "max_score", "status", "message", "hint", "hidden"}
        assert check["status"] == "passed" and check["score"] == check["max_score"] > 0
        assert isinstance(check["hidden"], bool)


def test_stub_exits_1_and_json_file_says_failed(tmp_path):
    out = tmp_path / "report.json"
    proc = run_grade("5", "--json", str(out), "--lang", "en")
    assert proc.returncode == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["score"] == 0 and data["max_score"] == 10
    assert {c["status"] for c in data["exercises"][0]["checks"]} == {"failed"}
    assert "not started" in proc.stdout.lower()
    assert "\x1b[" not in proc.stdout, "ANSI codes in output that is not a terminal"


def test_solutions_flag_means_target_solutions():
    proc = run_grade("--solutions", "exercise-01", "exercise-02", "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "20/20" in proc.stdout


def test_missing_target_folder_is_a_usage_error(tmp_path):
    assert main(["--target", str(tmp_path / "nowhere"), "5"]) == 2


def test_missing_module_is_an_error_not_a_crash(tmp_path):
    report = grade([exercises.find("5")], tmp_path, seed=1)
    ex = report.exercises[0]
    assert ex.score == 0 and ex.checks
    assert all(c.status == "error" for c in ex.checks)
    assert "not found" in ex.checks[0].message.en.lower()


@pytest.mark.parametrize("lang,words", [("en", ["Total", "not started"]), ("ko", ["총점", "시작 전"])])
def test_report_renders_in_both_languages(lang, words):
    report = grade([exercises.find("5"), exercises.find("6")], ROOT / "exercises", seed=3)
    text = render_to_text(report, lang)
    for word in words:
        assert word in text
    assert "exercise-05" in text and "0/10" in text
    assert "Traceback" not in text


def test_report_shows_learner_frames_expected_and_hint(tmp_path):
    source = (ROOT / "solutions" / "ex06_softmax.py").read_text(encoding="utf-8")
    source += "\n\ndef softmax(a):\n    a = np.asarray(a, dtype=float)\n    return np.exp(a) / np.sum(np.exp(a))\n"
    source += "\n\ndef naive_softmax(a):\n    raise ValueError('oops')\n"
    (tmp_path / "ex06_softmax.py").write_text(source, encoding="utf-8")
    report = grade([exercises.find("6")], tmp_path, seed=3)
    text = render_to_text(report, "en")
    assert "expected" in text and "got" in text
    assert "Hint" in text
    assert "ValueError: oops" in text
    assert "ex06_softmax.py, line" in text  # the learner's own frame
    assert "grader/" not in text and "site-packages" not in text  # not the grader's internals


@pytest.mark.parametrize("lang, words", [("en", "cannot write"), ("ko", "쓸 수 없습니다")])
def test_an_unwritable_json_is_a_usage_error_before_grading(tmp_path, capsys, lang, words):
    """Root writes almost anywhere: a path under a file, or into a pseudo file system, cannot be written
    by anyone; it is refused (exit 2, a message) before any check runs, never a traceback at the end."""
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for where in (tmp_path / "file" / "report.json", "/proc/report.json"):
        assert main(["exercise-01", "--solutions", "--json", str(where), "--lang", lang]) == 2
        err = " ".join(capsys.readouterr().err.split())
        assert words in err and str(where) in err and "Traceback" not in err
    assert main(["exercise-01", "--solutions", "--json", str(tmp_path), "--lang", lang]) == 2
    assert ("folder" if lang == "en" else "폴더") in capsys.readouterr().err
    assert main(["exercise-01", "--solutions", "--json", str(tmp_path / "new" / "r.json"), "--lang", lang]) == 0
    assert json.loads((tmp_path / "new" / "r.json").read_text(encoding="utf-8"))["score"] == 10
    assert not [p for p in (tmp_path / "new").iterdir() if p.name != "r.json"]  # no probe left behind
