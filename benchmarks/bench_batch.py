"""Time ``grade batch`` on a synthetic class.

    python benchmarks/bench_batch.py [--students 100] [--jobs 2] [--per-student 1] [--keep DIR]

Builds ``--students`` submissions spread over exercises 01-09 (exercise-10 trains
on MNIST for a long time and is left out): reference solutions, untouched
stubs, wrong answers (cases of ``tests/corpus``), a few that crash (an exception
at import, ``os._exit``, a segmentation fault, a memory bomb) and a few that
hang (``while True`` in a function, ``time.sleep`` at import).  Each
submission is one student's folder with ``--per-student`` exercise files.
Then it runs ``grade batch`` on ``--jobs`` cores end to end (a fresh process,
as an instructor would), prints the wall time and the seconds per
submission, checks every row against what the submission deserves, and runs
the batch a second time to time the resume (every student unchanged).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import exercises  # noqa: E402

KINDS = (["solution"] * 40 + ["stub"] * 20 + ["wrong"] * 30 + ["crash"] * 6 + ["hang"] * 4)

CRASHES = [
    "\nraise RuntimeError('this module breaks on import')\n",
    "\ndef {name}(*args, **kwargs):\n    import os\n    os._exit(3)\n",
    "\ndef {name}(*args, **kwargs):\n    import ctypes\n    return ctypes.string_at(0)\n",
    "\ndef {name}(*args, **kwargs):\n    import numpy as np\n    return np.ones((10**6, 10**5))\n",
]
HANGS = [
    "\ndef {name}(*args, **kwargs):\n    i = 0\n    while i < 10:\n        pass  # i is never increased\n",
    "\nimport time\ntime.sleep(3600)\n",
]


def first_function(source: str) -> str:
    import ast
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            return node.name
    return "main"


def build_class(dest: Path, students: int, per_student: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    pool = [ex for ex in exercises.available() if ex.number <= 9]
    corpus = {ex.id: sorted((ROOT / "tests" / "corpus" / f"ex{ex.number:02d}").glob("mistake_*.py")) for ex in pool}
    kinds = [KINDS[i * len(KINDS) // students] for i in range(students)]  # the same mix for any size
    rng.shuffle(kinds)
    plan = []
    for i in range(students):
        kind = kinds[i]
        folder = dest / f"student{i:03d}"
        folder.mkdir(parents=True)
        chosen = [pool[(i + k) % len(pool)] for k in range(per_student)]
        for n, ex in enumerate(chosen):
            solution = (ROOT / "solutions" / ex.filename).read_text(encoding="utf-8")
            this = kind if n == 0 else "solution"  # the odd one out is the first file; the rest are right
            if this == "solution":
                text = solution
            elif this == "stub":
                text = (ROOT / "exercises" / ex.filename).read_text(encoding="utf-8")
            elif this == "wrong" and corpus[ex.id]:
                text = solution + "\n" + rng.choice(corpus[ex.id]).read_text(encoding="utf-8")
            elif this == "wrong":
                text = solution + f"\ndef {first_function(solution)}(*args, **kwargs):\n    return None\n"
            elif this == "crash":
                text = solution + rng.choice(CRASHES).format(name=first_function(solution))
            else:
                text = solution + rng.choice(HANGS).format(name=first_function(solution))
            (folder / ex.filename).write_text(text, encoding="utf-8")
        plan.append({"student": folder.name, "kind": kind, "exercises": [ex.id for ex in chosen]})
    return plan


def run_batch(subs: Path, out: Path, jobs: int, selected: list[str]) -> float:
    command = [sys.executable, "-m", "grader", "batch", str(subs), "--out", str(out), "--jobs", str(jobs),
               "--seed", "1", "--lang", "en", "--exercises", *selected]
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"grade batch failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return elapsed


def check_rows(out: Path, plan: list[dict]) -> list[str]:
    with open(out / "gradebook.csv", encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    problems = []
    for item in plan:
        row = rows.get(item["student"])
        if row is None:
            problems.append(f"{item['student']}: no row")
            continue
        first = item["exercises"][0]
        score, report = float(row[first]), json.loads((out / "reports" / f"{item['student']}.json").read_text())
        max_first = next(e["max_score"] for e in report["exercises"] if e["id"] == first)
        kind = item["kind"]
        if kind == "solution" and score != max_first:
            problems.append(f"{item['student']} (solution): {first} scored {score}/{max_first}")
        if kind in ("stub", "crash", "hang") and score >= max_first:
            problems.append(f"{item['student']} ({kind}): {first} scored full marks")
        if kind == "wrong" and score >= max_first:
            problems.append(f"{item['student']} (wrong): {first} scored full marks")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--per-student", type=int, default=1, help="exercise files per submission (1-9)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the class and the results here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    if args.keep and work.exists():
        shutil.rmtree(work)
    subs, out = work / "submissions", work / "grades"
    plan = build_class(subs, args.students, args.per_student, args.seed)
    selected = sorted({ex for item in plan for ex in item["exercises"]})
    counts = {k: sum(1 for p in plan if p["kind"] == k) for k in ("solution", "stub", "wrong", "crash", "hang")}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"class: {args.students} submissions x {args.per_student} exercise file(s) over {', '.join(selected)}")
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"cores used: {args.jobs} (machine: {os.cpu_count()}, load average before: {load:.2f})")
    cpu_before = os.times()
    first = run_batch(subs, out, args.jobs, selected)
    cpu_after = os.times()
    cpu = (cpu_after.children_user - cpu_before.children_user) + (cpu_after.children_system - cpu_before.children_system)
    files = args.students * args.per_student
    print(f"grade batch: {first:.1f} s wall for the class, {first / args.students:.2f} s per submission "
          f"({first / files:.2f} s per exercise file); CPU {cpu:.1f} s ({cpu / files:.2f} s per file)")
    by_kind: dict[str, float] = {}
    for item in plan:
        report = json.loads((out / "reports" / f"{item['student']}.json").read_text(encoding="utf-8"))
        by_kind[item["kind"]] = by_kind.get(item["kind"], 0.0) + report["seconds"]
    print("grading time by kind (sum over jobs, s): "
          + ", ".join(f"{k} {v:.1f} ({v / counts[k]:.2f}/submission)" for k, v in by_kind.items() if counts[k]))
    again = run_batch(subs, out, args.jobs, selected)
    print(f"second run (nothing changed, every student skipped): {again:.1f} s")
    problems = check_rows(out, plan)
    statuses = {}
    with open(out / "gradebook.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    print("rows: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    print("every row as expected" if not problems else "UNEXPECTED ROWS:\n  " + "\n  ".join(problems))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"kept in {work}")


if __name__ == "__main__":
    main()
