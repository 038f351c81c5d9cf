"""Compare `grade exercise-05` in two checkouts, runs interleaved so that load hits both alike.

    python benchmarks/compare_grade.py OLD_CHECKOUT NEW_CHECKOUT [--runs 11] [--exercise exercise-05]

Each round runs both checkouts cold (GRADER_FORKSERVER=0: every worker started afresh) and
warm (a warm server of each checkout's own, in a private folder). Prints the medians, in
seconds, and the change. Use this for before/after numbers; bench_grade.py times one tree.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(root: str, exercise: str, env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "grader", exercise, "--target", f"{root}/exercises", "--seed", "1"],
                          cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 0: full marks, 1: a report that fell short; else it did not grade
        sys.exit(f"grade did not run in {root}:\n{done.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--exercise", default="exercise-05")
    args = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    roots = (args.old, args.new)
    with tempfile.TemporaryDirectory() as old_servers, tempfile.TemporaryDirectory() as new_servers:
        envs = {}
        for root, servers in zip(roots, (old_servers, new_servers)):
            os.chmod(servers, 0o700)
            envs[root] = {"cold": {**base, "GRADER_FORKSERVER": "0"},
                          "warm": {**base, "GRADER_FORKSERVER_DIR": servers}}
            for mode in ("cold", "warm"):  # caches and the warm server, before timing
                run(root, args.exercise, envs[root][mode])
        time.sleep(3)
        times = {root: {"cold": [], "warm": []} for root in roots}
        for _ in range(args.runs):
            for root in roots:
                for mode in ("cold", "warm"):
                    times[root][mode].append(run(root, args.exercise, envs[root][mode]))
    for mode in ("cold", "warm"):
        old, new = (statistics.median(times[root][mode]) for root in roots)
        print(f"{mode}: {old:.3f} s -> {new:.3f} s ({(new / old - 1) * 100:+.1f} %)")


if __name__ == "__main__":
    main()
