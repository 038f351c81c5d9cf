"""Count the round trips to learner workers that grading one student takes, and time one call.

    python benchmarks/bench_round_trips.py [--exercises 1 2 ... 9] [--calls 2000]

Grades the reference solutions once (official mode, as ``grade batch`` does) and prints, per
exercise, the requests that went to a worker one by one and the batches of calls made ahead
(``prefetch``, see grader/sandbox/ahead.py).  Then it times ``calculate(5, 3, "+")`` of the
exercise-01 solution made one by one and made ahead: wall time and this process's CPU time per
call (the worker's share is not included).
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import exercises  # noqa: E402
from grader.checking.runner import grade  # noqa: E402
from grader.sandbox import forkserver, process  # noqa: E402
from grader.sandbox.proxy import connect, prefetch  # noqa: E402


def count_round_trips(selected) -> tuple[collections.Counter, collections.Counter]:
    single, batches = collections.Counter(), collections.Counter()
    exchange, ahead = process.LearnerProcess._exchange, process.LearnerProcess.prefetch

    def counted_exchange(self, message, *rest):
        single[self.module_path.name] += 1
        return exchange(self, message, *rest)

    def counted_prefetch(self, messages, what):
        batches[self.module_path.name] += 1
        return ahead(self, messages, what)

    process.LearnerProcess._exchange, process.LearnerProcess.prefetch = counted_exchange, counted_prefetch
    try:
        grade(selected, ROOT / "solutions", seed=1)
    finally:
        process.LearnerProcess._exchange, process.LearnerProcess.prefetch = exchange, ahead
    return single, batches


def time_calls(calls: int) -> None:
    worker, module = connect(ROOT / "solutions" / "ex01_arithmetic_types.py")
    try:
        module.calculate(5, 3, "+")
        cases = [(5, 3, "+")] * calls
        for label, ahead in (("one by one", False), ("made ahead", True)):
            cpu, wall = time.process_time(), time.perf_counter()
            if ahead:
                prefetch(module.calculate, cases)
            for case in cases:
                module.calculate(*case)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            print(f"calculate() {label}: {1e6 * wall / calls:.0f} us wall, {1e6 * cpu / calls:.0f} us CPU of this "
                  f"process per call ({calls} calls)")
    finally:
        worker.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercises", type=int, nargs="+", default=list(range(1, 10)))
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    os.environ["GRADER_OFFICIAL"] = "1"
    process.use_forkserver = True
    forkserver.start()
    selected = [ex for ex in exercises.available() if ex.number in args.exercises]
    single, batches = count_round_trips(selected)
    for ex in selected:
        print(f"{ex.filename}: {single[ex.filename]} requests one by one, {batches[ex.filename]} batches made ahead")
    print(f"one student: {sum(single.values())} requests one by one + {sum(batches.values())} batches "
          f"= {sum(single.values()) + sum(batches.values())} round trips")
    time_calls(args.calls)


if __name__ == "__main__":
    main()
