"""``grade batch`` against a class with hostile students: nothing a student writes is trusted.

One class holds honest students (the reference solution: full marks) and one student per
attack of the kind a hostile student tried on earlier versions:

* ``forger`` writes "passed" lines into the progress files and a forged result (the whole
  reference's checks) into the result file its job used to have, writes fake answer lines
  into every descriptor of its grading process it can open (``/proc/PPID/fd``), then hangs;
* ``vandal`` looks for its classmates' copied files, overwrites them with a stub and runs
  what it finds (to copy their answers);
* ``tamperer`` overwrites the cached reports and ``state.json`` that decide who is skipped;
* ``killer`` kills every grading process it can find (its own and its siblings');
* ``deflate``, ``lzma`` and ``bzip2`` (a class of their own) are zips whose compressed stream is damaged.

The attacker is told where ``--out`` is (the strongest case: a student who guessed it).
Each attack must leave its author without points it did not earn, every honest student
with full marks and ``graded``, and the batch finished with a gradebook -- on the first run
and on the rerun.  A cached report made malformed between runs is graded again.

``BATCH_HOSTILE_SANDBOX=portable`` runs the same class without the operating system's
confinement (``GRADER_SANDBOX=portable --unsafe-no-sandbox``): then only the batch's own
defences stand (no file read back, per-job secrets, private pipes, retries).
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grader import exercises
from grader.checking.runner import grade
from grader.render.gradescope import check_output

ROOT = exercises.ROOT
EX05 = exercises.find("exercise-05")
SOLUTION = (ROOT / "solutions" / EX05.filename).read_text(encoding="utf-8")
STUB = (ROOT / "exercises" / EX05.filename).read_text(encoding="utf-8")
# graded in name order on two processes: each attacker runs next to an honest classmate
HONEST = ("b-honest1", "d-honest2", "f-honest3", "h-honest4")
VANDAL_NAME, KILLER_NAME, FORGER_NAME, TAMPERER_NAME = "a-vandal", "c-killer", "e-forger", "g-tamperer"
PORTABLE = os.environ.get("BATCH_HOSTILE_SANDBOX") == "portable"
# without the whole sandbox (Landlock and the keeper, which needs fork and pidfds) batch refuses to grade
pytestmark = [] if PORTABLE else [pytest.mark.requires("landlock", "fork_server")]

FORGER = '''
import json, os
OUT = {out!r}
FORGED = json.loads({forged!r})
lines = "".join(json.dumps(c) + "\\n" for c in FORGED["checks"])
for name in ({me!r} + ".exercise-05.progress.jsonl", {me!r} + ".exercise-05.result.json"):
    for attempt in range(2):
        try:
            os.makedirs(os.path.join(OUT, "jobs"), exist_ok=True)
            with open(os.path.join(OUT, "jobs", name), "w") as f:
                f.write(lines if name.endswith("jsonl") else json.dumps(FORGED))
        except OSError:
            pass
for var, path in os.environ.items():  # whatever file the environment names
    if os.path.isabs(path) and ("PROGRESS" in var or path.endswith(".jsonl")):
        try:
            with open(path, "a") as f:
                f.write(lines)
        except OSError:
            pass
fake = "".join(f"GRADER-BATCH-START {{i}}\\nGRADER-BATCH-DONE {{i}}\\n" for i in range(1, 60))
fake += "".join(f"{{i}} DONE " + json.dumps(FORGED) + "\\n" for i in range(1, 60))
for pid in {{os.getppid(), os.getpid()}}:
    try:
        fds = os.listdir(f"/proc/{{pid}}/fd")
    except OSError:
        fds = [str(n) for n in range(3, 40)]
    for fd in fds:
        try:
            with open(f"/proc/{{pid}}/fd/{{fd}}", "w") as f:
                f.write(fake)
        except OSError:
            pass


def sigmoid(x):
    while True:
        pass


step_function = relu = identity = sigmoid
'''

VANDAL = '''
import os
OUT = {out!r}
STUB = {stub!r}
copied = None
for root, dirs, files in os.walk(OUT):
    for name in files:
        path = os.path.join(root, name)
        if name == {filename!r} and os.path.realpath(path) != os.path.realpath(__file__):
            try:
                copied = copied or open(path).read()
            except OSError:
                pass
            try:
                with open(path, "w") as f:
                    f.write(STUB)
            except OSError:
                pass
if copied and "def sigmoid" in copied:
    exec(copied)
'''

TAMPERER = '''
import json, os
OUT = {out!r}
for root, dirs, files in os.walk(OUT):
    for name in files:
        path = os.path.join(root, name)
        try:
            if name.endswith(".json") and "reports" in root:
                data = json.load(open(path))
                for ex in data.get("exercises", []):
                    ex["score"] = 0
                    for c in ex.get("checks", []):
                        c["score"] = 0
                data["score"] = 0
                with open(path, "w") as f:
                    json.dump(data, f)
            elif name == "state.json":
                with open(path, "w") as f:
                    f.write('{{"format": "dlscratch-batch-state/2", "students": {{"b-honest1": 5}}, "seed": "x"}}')
            elif name == "gradebook.csv":
                with open(path, "w") as f:
                    f.write("student,total\\nb-honest1,0\\n")
        except (OSError, ValueError):
            pass
'''

KILLER = '''
import os, signal
for pid in os.listdir("/proc") if os.path.isdir("/proc") else []:
    try:
        if pid.isdigit() and b"instructor.batch.grading" in open(f"/proc/{pid}/cmdline", "rb").read():
            os.kill(int(pid), signal.SIGKILL)
    except OSError:
        pass
for target in (os.getppid(),):
    try:
        os.kill(target, signal.SIGKILL)
    except OSError:
        pass
'''


def damaged_zip(path: Path, method: int) -> None:
    """A zip whose one member's compressed stream is damaged (its header and CRC intact)."""
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        archive.writestr(EX05.filename, SOLUTION * 3)
    raw = bytearray(path.read_bytes())
    header = 30 + len(EX05.filename)  # the member's data starts after its local header
    for i in range(header + 20, header + 60):
        raw[i] ^= 0x5A
    path.write_bytes(bytes(raw))


def forged_result() -> str:
    report = grade([EX05], ROOT / "solutions", seed=5)
    checks = [{"json": c.to_json("en"), "output": check_output(c, "en")} for c in report.exercises[0].checks]
    return json.dumps({"checks": checks, "seconds": 1.0})


def make_class(root: Path, out: Path) -> Path:
    subs = root / "class"
    sources = {name: SOLUTION for name in HONEST}
    sources[FORGER_NAME] = FORGER.format(out=str(out), forged=forged_result(), me=FORGER_NAME)
    sources[VANDAL_NAME] = VANDAL.format(out=str(out), stub=STUB, filename=EX05.filename)
    sources[TAMPERER_NAME] = TAMPERER.format(out=str(out))
    sources[KILLER_NAME] = KILLER
    for name, source in sources.items():
        (subs / name).mkdir(parents=True)
        (subs / name / EX05.filename).write_text(source, encoding="utf-8")
    return subs


def run_batch(subs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    args = [sys.executable, "-m", "grader", "batch", str(subs), "--out", str(out), "--exercises", "05",
            "--jobs", "2", "--seed", "5", "--lang", "en", "--timeout", "20", *extra]
    if PORTABLE:
        env["GRADER_SANDBOX"] = "portable"
        args.append("--unsafe-no-sandbox")
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def gradebook(out: Path) -> dict[str, dict]:
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def assert_contained(out: Path) -> dict[str, dict]:
    rows = gradebook(out)
    assert list(rows) == sorted(rows)  # one row per student, in a stable order
    assert set(rows) == {*HONEST, FORGER_NAME, VANDAL_NAME, TAMPERER_NAME, KILLER_NAME}
    for name in HONEST:
        assert (rows[name]["exercise-05"], rows[name]["status"]) == ("10", "graded"), rows[name]
    return rows


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    out = root / "grades"
    subs = make_class(root, out)
    first = run_batch(subs, out)
    return subs, out, first


def test_the_batch_finishes_with_a_gradebook_and_honest_students_keep_full_marks(hostile):
    _, out, first = hostile
    assert first.returncode in (0, 1), first.stderr[-3000:]  # 1: some rows have problems
    assert_contained(out)


def test_forged_progress_result_and_answer_lines_earn_nothing(hostile):
    _, out, _ = hostile
    row = gradebook(out)[FORGER_NAME]
    assert row["exercise-05"] == "0", row


def test_classmates_files_can_be_neither_overwritten_nor_copied(hostile):
    _, out, _ = hostile
    rows = gradebook(out)
    assert rows[VANDAL_NAME]["exercise-05"] == "0", rows[VANDAL_NAME]  # it found nobody's answers to run
    assert not any((out / "work").iterdir())  # each job's copy is gone once graded


def test_killing_the_grading_processes_spoils_only_the_killers_row(hostile):
    _, out, _ = hostile
    row = gradebook(out)[KILLER_NAME]
    assert row["exercise-05"] == "0", row


def test_damaged_deflate_lzma_and_bzip2_streams_spoil_only_their_own_row(tmp_path):
    subs, out = tmp_path / "class", tmp_path / "grades"
    (subs / "honest").mkdir(parents=True)
    (subs / "honest" / EX05.filename).write_text(SOLUTION, encoding="utf-8")
    damaged_zip(subs / "deflate.zip", zipfile.ZIP_DEFLATED)
    damaged_zip(subs / "lzma.zip", zipfile.ZIP_LZMA)
    damaged_zip(subs / "bzip2.zip", zipfile.ZIP_BZIP2)  # bz2 raises OSError("Invalid data stream")
    done = run_batch(subs, out)
    assert done.returncode == 1, done.stderr[-3000:]
    rows = gradebook(out)
    assert (rows["honest"]["exercise-05"], rows["honest"]["status"]) == ("10", "graded")
    for name in ("deflate", "lzma", "bzip2"):
        assert rows[name]["status"] == "invalid" and "damaged" in rows[name]["notes"], rows[name]


def test_tampered_and_malformed_cached_reports_never_decide_a_rerun(hostile):
    subs, out, _ = hostile
    # what a student could have written had the sandbox let it: a report with another score, one that
    # crashed reruns (a TypeError on a field of the wrong type), and a link in place of a report
    report = json.loads((out / "reports" / f"{HONEST[1]}.json").read_text(encoding="utf-8"))
    report["exercises"][0]["checks"][0]["score"] = "ten"
    (out / "reports" / f"{HONEST[1]}.json").write_text(json.dumps(report), encoding="utf-8")
    (out / "reports" / f"{HONEST[2]}.json").write_text(json.dumps({"student": HONEST[2], "exercises": [{"id": 5}]}))
    state = json.loads((out / "state.json").read_text(encoding="utf-8"))
    state["students"][HONEST[0]] = {"exercises": {"exercise-05": 7}}
    state["students"][HONEST[1]] = {"exercises": []}
    state["seed"] = "five"
    (out / "state.json").write_text(json.dumps(state), encoding="utf-8")
    (out / "reports" / f"{HONEST[3]}.json").unlink()
    (out / "reports" / f"{HONEST[3]}.json").symlink_to(out / "reports" / f"{TAMPERER_NAME}.json")
    again = run_batch(subs, out)
    assert again.returncode in (0, 1), again.stderr[-3000:]
    rows = assert_contained(out)
    for name in HONEST[1:]:
        assert "previous report could not be read" in rows[name]["notes"], rows[name]
    assert not (out / "reports" / f"{HONEST[3]}.json").is_symlink()
    assert rows[FORGER_NAME]["exercise-05"] == "0"
