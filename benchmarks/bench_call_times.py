"""The slowest call of correct learner code in each exercise, against that call's time limit.

    python benchmarks/bench_call_times.py [--warm] [--exercises 01 02 ...] [--repeat 3]

Grades the reference solutions and every correct variant of the corpus (``tests/corpus/exNN/
variant_*.py``, real learners' ways of writing the answer: loops, other formulas) in official
grading, and times every call the checks make of learner code (each function or method call,
each import; the worker's start is not part of any call's limit).  Prints, per exercise and time
limit, the slowest call with what made it, and the margin (limit / slowest).  A
limit must leave a wide margin on a loaded 2-core machine: a hang costs one limit of CPU time,
so a limit far wider than needed costs every class with a hang, and one too tight fails a
correct solution.  Workers start afresh as they do where no warm server runs (Windows, macOS),
where the first plot of a worker is slowest; ``--warm`` forks them from the warm servers, as
``grade`` does on Linux.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import exercises  # noqa: E402
from grader.checking.runner import grade  # noqa: E402
from grader.sandbox import forkserver, process  # noqa: E402


def timed_calls(slowest: dict) -> None:
    """Record, per (exercise module, time limit), the slowest call: (seconds, what, case)."""
    receive = process.LearnerProcess._receive

    def timed(self, timeout, what, limit=None):
        start = time.monotonic()
        try:
            return receive(self, timeout, what, limit)
        finally:
            seconds = time.monotonic() - start
            key = (self.module_path.name, limit if limit is not None else timeout)
            if seconds > slowest.get(key, (0.0,))[0]:
                slowest[key] = (seconds, what, timed.case)

    timed.case = ""
    process.LearnerProcess._receive = timed
    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercises", nargs="*", help="numbers (default: 01 ... 09)")
    parser.add_argument("--repeat", type=int, default=1, help="grade each case this many times")
    parser.add_argument("--warm", action="store_true", help="fork workers from the warm servers")
    args = parser.parse_args()
    wanted = {int(n) for n in args.exercises} if args.exercises else set(range(1, 10))
    selected = [ex for ex in exercises.available() if ex.number in wanted]
    if args.warm:
        process.use_forkserver = True
        forkserver.start()
        time.sleep(4)
    slowest: dict = {}
    timer = timed_calls(slowest)
    work = Path(tempfile.mkdtemp(prefix="bench-calls-"))
    for ex in selected:
        reference = (ROOT / "solutions" / ex.filename).read_text(encoding="utf-8")
        cases = {"reference": reference}
        for path in sorted((ROOT / "tests" / "corpus" / f"ex{ex.number:02d}").glob("variant_*.py")):
            cases[path.stem] = reference + "\n\n" + path.read_text(encoding="utf-8")
        for name, source in cases.items():
            folder = work / f"{ex.number:02d}-{name}"
            folder.mkdir()
            (folder / ex.filename).write_text(source, encoding="utf-8")
            timer.case = name
            for _ in range(args.repeat):
                grade([ex], folder, seed=1, extra_args=("--official",))
    print(f"{'exercise':<12} {'slowest call':>12} {'limit':>7} {'margin':>7}  what (case)")
    for ex in selected:
        for (module, limit), (seconds, what, case) in sorted(slowest.items()):
            if module != ex.filename:
                continue
            print(f"{ex.id:<12} {seconds * 1000:9.1f} ms {limit:6.1f}s {limit / seconds:6.0f}x  {what} ({case})")


if __name__ == "__main__":
    main()
