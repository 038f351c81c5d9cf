"""Time a whole class: ``grade batch`` on N students x exercises 01-09, median of several runs.

    python benchmarks/bench_class.py [--students 100] [--jobs N] [--repeat 3] [--checkout DIR ...]

Each student submits all nine files (exercise-10 trains on MNIST and is left out); the
first file is of the student's kind (a reference solution, a stub, a corpus mistake, a
crash or a hang, in the mix of ``bench_batch.py``), the others are reference solutions.
Every run is a fresh ``grade batch`` process into a fresh ``--out`` (nothing is skipped),
and every row is checked against what the submission deserves.  With ``--checkout``, the
same class is graded by each checkout in turn (runs interleaved, so that the machine's
load falls on all of them alike): ``--checkout OLD --checkout .`` gives before/after medians.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_batch import build_class, check_rows  # noqa: E402

SELECTED = [f"exercise-{n:02d}" for n in range(1, 10)]


def grade_class(checkout: Path, subs: Path, out: Path, jobs: int | None) -> float:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "grader", "batch", str(subs), "--out", str(out),
               *(["--jobs", str(jobs)] if jobs else []), "--seed", "1", "--lang", "en", "--exercises", *SELECTED]
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=checkout, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(checkout)})
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{checkout}: grade batch failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--jobs", type=int, help="grading processes (default: grade batch's own default)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--checkout", type=Path, action="append",
                        help="a checkout of the kit to time (repeatable; default: this one)")
    args = parser.parse_args()
    checkouts = [c.resolve() for c in (args.checkout or [HERE.parent])]
    work = Path(tempfile.mkdtemp(prefix="bench-class-"))
    try:
        subs = work / "submissions"
        plan = build_class(subs, args.students, 9, args.seed)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"class: {args.students} students x {len(SELECTED)} exercises, {args.jobs or 'default'} grading processes "
              f"({os.cpu_count()} cores, load average before: {load:.2f})")
        times: dict[Path, list[float]] = {c: [] for c in checkouts}
        for run in range(args.repeat):
            for checkout in checkouts:
                out = work / f"out-{checkouts.index(checkout)}"
                seconds = grade_class(checkout, subs, out, args.jobs)
                times[checkout].append(seconds)
                problems = check_rows(out, plan)
                print(f"  run {run + 1} {checkout}: {seconds:.1f} s"
                      + ("" if not problems else f", {len(problems)} UNEXPECTED ROWS: " + "; ".join(problems[:5])),
                      flush=True)
        for checkout, values in times.items():
            print(f"median {checkout}: {statistics.median(values):.1f} s over {len(values)} runs "
                  f"({statistics.median(values) / args.students:.2f} s per student)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
