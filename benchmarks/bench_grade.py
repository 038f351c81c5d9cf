"""Time `grade exercise-05` end to end, and bare pytest on the same checks.

    python benchmarks/bench_grade.py [--runs 7] [--exercise exercise-05] [--target solutions]

Prints the median wall time of each, in seconds.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import exercises  # noqa: E402


def median_time(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--exercise", default="exercise-05")
    parser.add_argument("--target", default="exercises")
    args = parser.parse_args()
    ex = exercises.find(args.exercise)
    target = str(ROOT / args.target)
    grade_cmd = [sys.executable, "-m", "grader", ex.id, "--target", target, "--seed", "1"]
    pytest_cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ex.check_file),
                  "--target", target, "--seed", "1"]
    median_time(grade_cmd, 1)  # warm the file system cache
    print(f"{'command':52} median of {args.runs}")
    print(f"{'grade ' + ex.id + ' --target ' + args.target:52} {median_time(grade_cmd, args.runs):.3f} s")
    print(f"{'pytest ' + ex.check_file.name + ' --target ' + args.target:52} {median_time(pytest_cmd, args.runs):.3f} s")


if __name__ == "__main__":
    main()
