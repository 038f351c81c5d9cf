"""``grade batch``: a class graded in parallel; bad submissions only spoil their own row; runs resume."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from grader.instructor import batch
from grader.instructor.batch import submissions
from grader import exercises
from grader.render import gradescope
from grader.results import GradeReport
from grader.sandbox import cputime, guarantee
from grader.checking.runner import grade

ROOT = exercises.ROOT
EX05, EX06 = exercises.find("exercise-05"), exercises.find("exercise-06")
WRONG_SIGMOID = "\n\ndef sigmoid(x):\n    return 1 / (1 + np.exp(x))\n"
# a hang in every function but step_function: one call limit each is more than frank's budget
HANGS = "".join(f"\n\ndef {name}(*args):\n    while True:\n        pass\n"
                for name in ("sigmoid", "relu", "plot_activations", "identity_function", "init_network", "forward"))


def solution(ex) -> str:
    return (ROOT / "solutions" / ex.filename).read_text(encoding="utf-8")


def stub(ex) -> str:
    return (ROOT / "exercises" / ex.filename).read_text(encoding="utf-8")


def make_class(root: Path) -> Path:
    subs = root / "submissions"
    (subs / "alice").mkdir(parents=True)
    (subs / "alice" / EX05.filename).write_text(solution(EX05))
    (subs / "alice" / EX06.filename).write_text(solution(EX06))
    with zipfile.ZipFile(subs / "bob.zip", "w") as archive:  # nested in a folder, plus junk
        archive.writestr("bob-hw/" + EX05.filename, solution(EX05) + WRONG_SIGMOID)
        archive.writestr("__MACOSX/bob-hw/._" + EX05.filename, "junk")
        archive.writestr("../../escape/" + EX06.filename, stub(EX06))
    (subs / "carol" / "deep" / "er").mkdir(parents=True)
    (subs / "carol" / "deep" / "er" / EX05.filename).write_text(stub(EX05))
    (subs / "dave").mkdir()
    (subs / "dave" / "notes.txt").write_text("I could not do it")
    (subs / "erin.zip").write_bytes(b"this is not a zip file")
    (subs / "frank").mkdir()
    (subs / "frank" / EX05.filename).write_text(solution(EX05) + HANGS)
    (subs / "gina").mkdir()
    (subs / "gina" / EX05.filename).write_text("import os\nos._exit(3)\n")
    (subs / "김하나").mkdir()
    (subs / "김하나" / EX06.filename).write_text(solution(EX06))
    (subs / "stray.txt").write_text("not a student")
    return subs


# Where learner code cannot be confined (the CI's portable and no-POSIX runs), batch refuses to
# grade by design (tests/test_batch_hostile.py); these tests are about everything else.
UNSAFE = ["--unsafe-no-sandbox"] if guarantee.missing() else []


def run_batch(subs: Path, out: Path, *extra: str) -> int:
    return batch.main([str(subs), "--out", str(out), "--exercises", "05", "06", "--jobs", "2", "--seed", "3",
                       "--lang", "en", *UNSAFE, *extra])


def gradebook(out: Path) -> dict[str, dict]:
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module", autouse=True)
def steady_grader():
    """The grader's own files count in every fingerprint; pinned here, so that editing the kit while
    these tests run does not make every student stale."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("grader.instructor.batch.run.grader_fingerprint", lambda ex: "grader-" + ex.id)
        yield


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    subs = make_class(root)
    out = root / "grades"
    started = time.monotonic()
    code = run_batch(subs, out, "--gradescope", "--timeout", "3")  # CPU seconds: frank hangs for more
    return subs, out, code, time.monotonic() - started


def test_gradebook_has_one_row_per_student_with_each_exercise_and_the_total(graded):
    subs, out, code, _ = graded
    assert code == 1  # some students have problems
    rows = gradebook(out)
    assert set(rows) == {"alice", "bob", "carol", "dave", "erin", "frank", "gina", "김하나"}
    header = next(csv.reader(open(out / "gradebook.csv", encoding="utf-8")))
    assert header[:4] == ["student", "exercise-05", "exercise-06", "total"]
    assert rows["alice"]["exercise-05"] == rows["alice"]["exercise-06"] == "10"
    assert rows["alice"]["total"] == "20" and rows["alice"]["status"] == "graded"
    assert 0 < float(rows["bob"]["exercise-05"]) < 10 and rows["bob"]["exercise-06"] == "0"
    assert rows["carol"]["exercise-05"] == "0" and rows["carol"]["status"] == "graded"
    assert "exercise-06: not submitted" in rows["carol"]["notes"]
    assert rows["김하나"]["exercise-06"] == "10"


def test_malformed_submissions_only_spoil_their_own_row(graded):
    _, out, _, _ = graded
    rows = gradebook(out)
    assert rows["dave"]["status"] == "invalid" and "no exercise files" in rows["dave"]["notes"]
    assert rows["erin"]["status"] == "invalid" and "zip" in rows["erin"]["notes"]
    assert rows["gina"]["status"] == "graded" and rows["gina"]["total"] == "0"  # crashed on import
    for student in ("dave", "erin"):
        assert rows[student]["total"] == "0"


def test_a_hang_is_stopped_and_keeps_the_checks_it_finished(graded):
    _, out, _, seconds = graded
    rows = gradebook(out)
    frank = json.loads((out / "reports" / "frank.json").read_text(encoding="utf-8"))
    assert rows["frank"]["status"] == "timeout" and "time limit" in rows["frank"]["notes"]
    checks = {c["name"]: c for c in frank["exercises"][0]["checks"]}
    # finished before the stop, and kept: the step function passes, the first sigmoid call times out
    # (official grading runs the checks on drawn inputs first, the check files' fixed examples last)
    assert checks["step_function_integer_dtype"]["status"] == "passed"
    assert "did not finish within" in checks["sigmoid_values"]["message"]
    # not reached: zero points, and the reason
    for name in ("forward_batch", "step_function_values"):
        assert checks[name]["status"] == "timeout" and "time limit" in checks[name]["message"]
    assert float(rows["frank"]["exercise-05"]) >= 1


def test_a_session_stopped_in_one_exercise_grades_the_others_again_alone(tmp_path):
    """One session grades all of a student's exercises: stopped at one exercise's time limit, the
    session gives only that exercise's verdict; the exercise it had finished before (ivan's 05) and
    the one it had not reached (jane's 06) are graded again, each in a session of its own."""
    hang06 = "".join(f"\n\ndef {name}(*args):\n    while True:\n        pass\n" for name in ("softmax", "naive_softmax"))
    subs = tmp_path / "subs"
    for student, ex05, ex06 in (("ivan", solution(EX05), solution(EX06) + hang06),
                                ("jane", solution(EX05) + HANGS, solution(EX06))):
        (subs / student).mkdir(parents=True)
        (subs / student / EX05.filename).write_text(ex05)
        (subs / student / EX06.filename).write_text(ex06)
    out = tmp_path / "out"
    assert run_batch(subs, out, "--timeout", "1") == 1  # its wall-clock cap (4 s) is no more than two hangs of 2 s
    rows = gradebook(out)
    full = {ex.id: str(int(grade([ex], ROOT / "solutions", seed=3).score)) for ex in (EX05, EX06)}
    assert rows["ivan"]["exercise-05"] == full["exercise-05"] and rows["jane"]["exercise-06"] == full["exercise-06"]
    assert float(rows["ivan"]["exercise-06"]) < float(full["exercise-06"])
    assert float(rows["jane"]["exercise-05"]) < float(full["exercise-05"])
    assert rows["ivan"]["status"] == rows["jane"]["status"] == "timeout"
    for student, graded_again in (("ivan", "exercise-05"), ("jane", "exercise-06")):
        report = json.loads((out / "reports" / f"{student}.json").read_text(encoding="utf-8"))
        (result,) = [ex for ex in report["exercises"] if ex["id"] == graded_again]
        assert {c["status"] for c in result["checks"]} == {"passed"}, (student, result["checks"])


@pytest.mark.skipif(not cputime.TreeClock(os.getpid()).available, reason="no CPU clocks here: budgets are wall time")
def test_a_worker_started_ahead_counts_in_its_own_exercise(tmp_path):
    """A session starts workers ahead of their exercises (exercise-07's while exercise-05's checks run):
    what such a worker's import computes counts in its own exercise's budget, not in the one that was
    running when it started."""
    ex07 = exercises.find("exercise-07")
    burn = "\nimport time\n_start = time.process_time()\nwhile time.process_time() - _start < 3:\n    pass\n"
    subs = tmp_path / "subs"
    (subs / "olga").mkdir(parents=True)
    for ex, extra in ((EX05, ""), (EX06, ""), (ex07, burn)):
        (subs / "olga" / ex.filename).write_text(solution(ex) + extra)
    out = tmp_path / "out"
    assert batch.main([str(subs), "--out", str(out), "--exercises", "05", "06", "07", "--jobs", "1", "--seed", "3",
                       "--lang", "en", "--timeout", "2", *UNSAFE]) == 1
    row = gradebook(out)["olga"]
    assert row["exercise-05"] == row["exercise-06"] == "10", row
    assert float(row["exercise-07"]) < 10 and row["status"] == "timeout", row


def test_each_student_gets_a_json_report_in_the_grade_json_shape(graded):
    _, out, _, _ = graded
    alice = json.loads((out / "reports" / "alice.json").read_text(encoding="utf-8"))
    assert {"score", "max_score", "seed", "exercises", "student", "status", "notes"} <= set(alice)
    assert alice["score"] == alice["max_score"] == 20 and alice["seed"] == 3
    full = grade([EX05], ROOT / "solutions", seed=3).to_json("en")["exercises"][0]
    mine = alice["exercises"][0]
    assert set(full) <= set(mine) and [c["name"] for c in mine["checks"]] == [c["name"] for c in full["checks"]]
    assert set(mine["checks"][0]) == set(full["checks"][0])
    assert any(c["hidden"] for c in mine["checks"])  # every check, hidden ones too


def test_gradescope_results_per_student(graded):
    _, out, _, _ = graded
    data = json.loads((out / "gradescope" / "bob" / "results.json").read_text(encoding="utf-8"))
    assert data["max_score"] == 20 and 0 < data["score"] < 10
    tests = data["tests"]
    assert {t["status"] for t in tests} <= {"passed", "failed"}
    assert {t["visibility"] for t in tests if "(hidden)" in t["name"]} == {"after_published"}
    assert {t["visibility"] for t in tests if "(hidden)" not in t["name"]} == {"visible"}
    assert any("sign" in t["output"].lower() for t in tests if t["status"] == "failed")


def test_submissions_are_isolated_copies_and_nothing_escapes(graded):
    subs, out, _, _ = graded
    assert not (out.parent / "escape").exists() and not (subs.parent / "escape").exists()
    assert not any((out / "work").iterdir())  # copies are removed once graded
    assert (out / "logs" / "slot-0.log").exists() and (out / "logs" / "slot-1.log").exists()  # two in parallel
    leftover = subprocess.run(["pgrep", "-f", str(out)], capture_output=True, text=True).stdout.split()
    assert not leftover


def test_a_second_run_skips_unchanged_students_and_regrades_changed_ones(graded, capsys):
    subs, out, _, _ = graded
    before = json.loads((out / "state.json").read_text(encoding="utf-8"))
    capsys.readouterr()
    run_batch(subs, out)
    # frank timed out: he is graded again (and says so); everyone else is unchanged
    assert "1 graded now, 7 unchanged" in " ".join(capsys.readouterr().out.split())
    assert "exercise-05: graded again (it timed out in the previous run)" in gradebook(out)["frank"]["notes"]
    after_first = json.loads((out / "state.json").read_text(encoding="utf-8"))
    assert {s for s in after_first["students"] if after_first["students"][s]["exercises"]
            != before["students"][s]["exercises"]} <= {"frank"}
    (subs / "carol" / "deep" / "er" / EX05.filename).write_text(solution(EX05))
    run_batch(subs, out)
    after = json.loads((out / "state.json").read_text(encoding="utf-8"))
    changed = {s for s in after["students"] if after["students"][s] != after_first["students"].get(s)}
    assert changed - {"frank"} == {"carol"}
    assert gradebook(out)["carol"]["exercise-05"] == "10"


def test_an_interrupted_run_resumes_where_it_stopped(tmp_path):
    subs = tmp_path / "submissions"
    for i in range(6):
        (subs / f"s{i}").mkdir(parents=True)
        (subs / f"s{i}" / EX06.filename).write_text(solution(EX06) if i % 2 else stub(EX06))
    for slow in ("zz1", "zz2", "zz3"):  # last in line and slow: the run is still going when it is interrupted
        (subs / slow).mkdir()
        (subs / slow / EX06.filename).write_text("def softmax(a):\n    while True:\n        pass\n")
    out = tmp_path / "grades"
    proc = subprocess.Popen([sys.executable, "-m", "grader", "batch", str(subs), "--out", str(out), "--exercises",
                             "06", "--jobs", "1", "--seed", "4", "--lang", "en", "--timeout", "5", *UNSAFE], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            # Ctrl-C as in a terminal, even where this run was started in the
                            # background (a shell then ignores SIGINT, and its children inherit that)
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if len(json.loads((out / "state.json").read_text())["students"]) >= 2:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    assert proc.poll() is None, proc.stderr.read()  # still grading the slow ones
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) != 0, proc.stderr.read()
    done = set(json.loads((out / "state.json").read_text())["students"])
    assert len(done) >= 2
    assert not subprocess.run(["pgrep", "-f", str(out)], capture_output=True, text=True).stdout.split()
    rows = gradebook(out)
    assert set(rows) <= done  # the gradebook never holds a half-graded student
    code = batch.main([str(subs), "--out", str(out), "--exercises", "06", "--jobs", "2", "--lang", "en",
                       "--timeout", "5", *UNSAFE])
    assert code in (0, 1)  # 1 when the slow students' time-outs count among the run's problems
    rows = gradebook(out)
    assert len(rows) == 9
    assert [rows[f"s{i}"]["exercise-06"] for i in range(6)] == ["0", "10"] * 3
    assert [rows[f"zz{i}"]["exercise-06"] for i in (1, 2, 3)] == ["0"] * 3
    state = json.loads((out / "state.json").read_text())
    assert state["seed"] == 4  # the resumed run kept the first run's seed


def test_write_results_for_a_normal_run(tmp_path):
    report = grade([EX05], ROOT / "exercises", seed=2)
    report.hidden_ran = False
    path = tmp_path / "results.json"
    gradescope.write_results(report, path, "en")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["score"] == 0 and data["max_score"] == 10
    assert len(data["tests"]) == len(report.exercises[0].checks)
    first = data["tests"][0]
    assert set(first) >= {"name", "score", "max_score", "status", "output", "visibility"}
    assert first["status"] == "failed" and "NotImplementedError" in first["output"]
    assert "Hidden checks run when your instructor grades" in data["output"]
    assert isinstance(report, GradeReport)


def test_usage_errors():
    assert batch.main(["/no/such/folder"]) == 2
    assert batch.main([str(ROOT / "exercises"), "--exercises", "exercise-42"]) == 2


def test_bad_zip_members_are_rejected_without_extracting(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    with zipfile.ZipFile(subs / "x.zip", "w") as archive:
        archive.writestr("a/" + EX05.filename, "x = 1\n")
        archive.writestr(EX05.filename, "y = 2\n")  # shallower copy wins
    sub = submissions.discover(subs)[0]
    submissions.load_files(sub, {EX05.filename})
    assert sub.files == {EX05.filename: b"y = 2\n"} and "2 copies" in sub.notes[0].en
    assert os.listdir(subs) == ["x.zip"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.timeout(60)
def test_a_submission_file_that_is_no_regular_file_is_ignored_without_blocking(tmp_path):
    """A FIFO (from a student's tar archive unpacked by the instructor, say) named like an exercise
    file: reading it would block the whole run before any grading; it is ignored, with a note."""
    subs = tmp_path / "subs"
    (subs / "fifo").mkdir(parents=True)
    os.mkfifo(subs / "fifo" / EX05.filename)
    (subs / "fifo" / "deeper").mkdir()
    (subs / "fifo" / "deeper" / EX05.filename).write_text("x = 1\n", encoding="utf-8")
    sub = submissions.discover(subs)[0]
    submissions.load_files(sub, {EX05.filename})
    assert sub.problem is None and sub.files == {EX05.filename: b"x = 1\n"}
    assert any("not a regular file" in note.en for note in sub.notes)


def test_a_week_not_yet_submitted_is_not_an_unreadable_submission(tmp_path):
    """Week 6's run, for a student who has handed in only week 5's file (a folder and a zip): exercise-06
    is not submitted, not "no exercise files found", which made the whole row invalid."""
    subs = tmp_path / "subs"
    (subs / "folder").mkdir(parents=True)
    (subs / "folder" / EX05.filename).write_text("x = 1\n", encoding="utf-8")
    (subs / "nothing").mkdir()
    (subs / "nothing" / "notes.txt").write_text("x = 1\n", encoding="utf-8")
    with zipfile.ZipFile(subs / "zipped.zip", "w") as archive:
        archive.writestr("hw/" + EX05.filename, "x = 1\n")
    found = {sub.student: sub for sub in submissions.discover(subs)}
    for sub in found.values():
        submissions.load_files(sub, {EX06.filename})
    assert found["folder"].problem is found["zipped"].problem is None
    assert found["folder"].files == found["zipped"].files == {}
    assert "no exercise files found" in found["nothing"].problem.en


# ---------------------------------------------------------------------------- runs merge, shards, usage
def small_class(root: Path, n: int = 6) -> Path:
    subs = root / "class"
    for i in range(n):
        (subs / f"s{i}").mkdir(parents=True)
        (subs / f"s{i}" / EX05.filename).write_text(solution(EX05) if i % 2 else stub(EX05))
        (subs / f"s{i}" / EX06.filename).write_text(solution(EX06) if i % 3 else stub(EX06))
    return subs


def quiet_batch(subs: Path | None, out: Path | None, *extra: str) -> int:
    args = ([str(subs)] if subs else []) + (["--out", str(out)] if out else [])
    return batch.main([*args, "--jobs", "2", "--seed", "4", "--lang", "en", *(UNSAFE if subs else []), *extra])


def test_weekly_runs_merge_into_one_gradebook(tmp_path, capsys):
    subs, out = small_class(tmp_path), tmp_path / "grades"
    assert quiet_batch(subs, out, "--exercises", "05") == 0
    assert quiet_batch(subs, out, "--exercises", "06") == 0
    rows = gradebook(out)
    assert list(rows) == [f"s{i}" for i in range(6)]  # one row per student, in a stable order
    header = next(csv.reader(open(out / "gradebook.csv", encoding="utf-8")))
    assert header[:4] == ["student", "exercise-05", "exercise-06", "total"]
    for i in range(6):
        ex05, ex06 = ("10" if i % 2 else "0"), ("10" if i % 3 else "0")
        assert (rows[f"s{i}"]["exercise-05"], rows[f"s{i}"]["exercise-06"]) == (ex05, ex06)
        assert rows[f"s{i}"]["total"] == f"{int(ex05) + int(ex06)}"
    report = json.loads((out / "reports" / "s1.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in report["exercises"]] == ["exercise-05", "exercise-06"]
    # a student's changed file: only that exercise of that student is graded again; --regrade forces one
    (subs / "s0" / EX05.filename).write_text(solution(EX05))
    capsys.readouterr()
    assert quiet_batch(subs, out, "--exercises", "05", "06") == 0
    assert "1 graded now, 5 unchanged" in " ".join(capsys.readouterr().out.split())
    assert gradebook(out)["s0"]["exercise-05"] == "10"
    assert quiet_batch(subs, out, "--exercises", "06", "--regrade", "s3", "s4") == 0
    assert "2 graded now, 4 unchanged" in " ".join(capsys.readouterr().out.split())
    assert gradebook(out) == {**rows, "s0": gradebook(out)["s0"]}


def test_shards_merged_equal_one_run(tmp_path):
    subs = small_class(tmp_path, 7)
    assert quiet_batch(subs, tmp_path / "whole", "--exercises", "06") == 0
    for k in (1, 2, 3):
        assert quiet_batch(subs, tmp_path / f"shard{k}", "--exercises", "06", "--shard", f"{k}/3") == 0
    shards = [gradebook(tmp_path / f"shard{k}") for k in (1, 2, 3)]
    assert sum(len(s) for s in shards) == 7 and all(shards)  # a deterministic split: each student once
    assert batch.main(["--merge", *(str(tmp_path / f"shard{k}") for k in (1, 2, 3)),
                       "--out", str(tmp_path / "merged"), "--lang", "en"]) == 0
    assert (tmp_path / "merged" / "gradebook.csv").read_text() == (tmp_path / "whole" / "gradebook.csv").read_text()
    # shards graded with another seed do not merge
    assert quiet_batch(subs, tmp_path / "other", "--exercises", "06", "--shard", "1/3", "--seed", "9") == 0
    assert batch.main(["--merge", str(tmp_path / "shard2"), str(tmp_path / "other"),
                       "--out", str(tmp_path / "merged2"), "--lang", "en"]) == 2


@pytest.mark.parametrize("lang, words", [("en", ("--timeout", "must")), ("ko", ("--timeout", "숫자"))])
@pytest.mark.parametrize("value", ["nan", "-1", "0", "inf", "soon"])
def test_a_bad_timeout_is_a_usage_error_in_both_languages(tmp_path, capsys, value, lang, words):
    subs = small_class(tmp_path, 1)
    assert batch.main([str(subs), "--timeout", value, "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert all(w in err for w in words) and "Traceback" not in err


@pytest.mark.parametrize("extra, en, ko", [
    (["--regrade", "nobody"], "No such student", "없는 학생"),
    (["--shard", "4/3"], "--shard must be", "--shard는"),
    (["--shard", "x"], "--shard must be", "--shard는"),
    (["--out", "FILE/grades"], "Cannot write to", "쓸 수 없습니다"),
])
def test_usage_errors_exit_2_with_a_message_in_both_languages(tmp_path, capsys, extra, en, ko):
    subs = small_class(tmp_path, 1)
    (tmp_path / "FILE").write_text("a file, not a folder")
    extra = [e.replace("FILE", str(tmp_path / "FILE")) for e in extra]
    for lang, words in (("en", en), ("ko", ko)):
        assert batch.main([str(subs), *extra, "--lang", lang, *UNSAFE]) == 2
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err
    assert batch.main(["--merge", str(tmp_path), "--lang", "en"]) == 2  # --merge needs --out
    assert "--merge" in capsys.readouterr().err


def test_a_killed_grading_process_is_retried_and_files_are_copied_one_student_at_a_time(tmp_path, monkeypatch):
    from grader.instructor.batch import slot as slots

    subs, out = small_class(tmp_path, 4), tmp_path / "grades"
    seen, sent, killed = [], [], []
    send = slots.Slot.send

    def send_and_kill_once(self, jobs):
        send(self, jobs)
        sent.append([(job.run.sub.student, job.exercise) for job in jobs])
        # what is on disk while these jobs start: only the folders of the sessions running now, each
        # holding one student's files (byte for byte) and nothing else
        for folder in (out / "work").iterdir():
            owners = {job.run.sub.student for slot in coordinators[0].slots for job in slot.jobs
                      if job.folder == folder}
            assert len(owners) == 1, (folder, owners)
            student = owners.pop()
            mine = (subs / student)
            assert all((folder / name).read_bytes() == (mine / name).read_bytes() for name in os.listdir(folder))
            seen.append((student, sorted(os.listdir(folder))))
        if not killed:  # as another student's code would, had the sandbox let it
            killed.append(jobs[0].run.sub.student)
            os.kill(self.proc.pid, signal.SIGKILL)

    from grader.instructor.batch import coordinator as coordination
    coordinators = []
    init = coordination.Coordinator.__init__

    def remember(self, *args, **kwargs):
        init(self, *args, **kwargs)
        coordinators.append(self)

    monkeypatch.setattr(coordination.Coordinator, "__init__", remember)
    monkeypatch.setattr(slots.Slot, "send", send_and_kill_once)
    assert quiet_batch(subs, out, "--exercises", "05", "06") == 0
    rows = gradebook(out)
    assert all(row["status"] == "graded" for row in rows.values()) and rows["s1"]["exercise-05"] == "10"
    # one session per student (both exercises); the killed session's jobs are graded again, each alone
    assert killed and len(sent) == 4 + 2, sent
    assert sorted(map(len, sent)) == [1, 1, 2, 2, 2, 2]
    assert all(len(files) <= 2 for _, files in seen)


def test_the_cpu_clock_counts_workers_that_were_killed_unwaited(tmp_path):
    from grader.sandbox.cputime import TreeClock

    busy = "import time\nend = time.process_time() + 0.6\nwhile time.process_time() < end:\n    pass\n"
    # a grandchild that computes, then is killed with its parent (never waited for by us)
    parent = subprocess.Popen([sys.executable, "-c", f"import subprocess, sys, time\n"
                               f"subprocess.Popen([sys.executable, '-c', {busy!r}])\ntime.sleep(60)"])
    clock = TreeClock(parent.pid)
    clock.start()
    if not clock.available:
        pytest.skip("no CPU time of process trees here")
    try:
        deadline = time.monotonic() + 60
        while clock.seconds() < 0.5 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        parent.kill()
        parent.wait()
    assert clock.seconds() >= 0.5  # kept after the processes are gone


def test_only_lines_with_the_jobs_secret_count(tmp_path):
    from grader.instructor.batch.runs import StudentRun, new_job
    from grader.instructor.batch.slot import Slot
    from grader.instructor.batch.submissions import Submission

    run = StudentRun(Submission("s", tmp_path, files={EX05.filename: b"x = 1\n"}))
    job = new_job(1, run, EX05.id, 1, "en", 10.0)
    job.prepare(tmp_path, EX05.filename)
    slot = Slot(0, tmp_path)
    slot.job = job
    check = {"json": {"name": "relu", "description": "relu", "score": 2, "max_score": 2, "status": "passed"},
             "output": ""}
    forged = [f"GRADER-BATCH-DONE {job.spec['id']}", f"{job.spec['id']} DONE {{}}", "0" * 32 + " DONE {}",
              f"{job.spec['token'][:-1]}x CHECK {json.dumps(check)}"]
    assert not any(slot._take(line) for line in forged) and job.finished == {} and job.result is None
    assert not slot._take(f"{job.spec['token']} CHECK {json.dumps(check)}") and set(job.finished) == {"relu"}
    assert slot._take(f"{job.spec['token']} DONE {{\"checks\": []}}") and job.result == {"checks": []}
    job.discard()


def test_the_cpu_clock_leaves_out_a_worker_started_ahead_and_gives_it_all_to_its_own_job():
    """Without a warm server, a worker started ahead for a later exercise is a child of the grading
    process: its CPU time is not the running job's, and all of it (from its start) is its own job's."""
    from grader.sandbox.cputime import TreeClock

    busy = "import time\nend = time.process_time() + 1.5\nwhile time.process_time() < end:\n    pass\n"
    grading = subprocess.Popen(  # a stand-in for a grading process: starts a worker when told, reaps it when told
        [sys.executable, "-c", f"import subprocess, sys\nsys.stdin.readline()\n"
                               f"worker = subprocess.Popen([sys.executable, '-c', {busy!r}])\n"
                               f"print(worker.pid, flush=True)\nsys.stdin.readline()\nworker.wait()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        running = TreeClock(grading.pid)  # the job running when the worker starts
        running.start()
        if not running.available:
            pytest.skip("no CPU time of process trees here")
        grading.stdin.write("go\n")
        grading.stdin.flush()
        worker = int(grading.stdout.readline())
        running.exclude(worker)
        deadline = time.monotonic() + 30
        while _stat(worker)[1] < 0.7 and time.monotonic() < deadline:
            running.seconds()
            time.sleep(0.05)
        own = TreeClock(grading.pid)  # the worker's own job begins
        own.start()
        own.add(worker)
        while _stat(worker)[0] != "Z" and time.monotonic() < deadline:  # until it has finished (not reaped)
            running.seconds(), own.seconds()
            time.sleep(0.05)
        time.sleep(0.25)  # a fresh reading of /proc
        used = _stat(worker)[1]
        assert used >= 1.5
        assert running.seconds() < 0.3  # not the worker's 1.5 s
        assert own.seconds() >= used - 0.02  # all of it, the part before its job began included
    finally:
        grading.kill()
        grading.wait()


def _stat(pid: int) -> tuple[str, float]:
    """The state of ``pid`` and the CPU seconds it has used."""
    with open(f"/proc/{pid}/stat", "rb") as stat:
        fields = stat.read().rsplit(b")", 1)[1].split()
    return fields[0].decode(), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
