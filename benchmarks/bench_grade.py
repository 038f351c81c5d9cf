"""Time `grade exercise-05` end to end, cold and warm, and bare pytest on the same checks.

    python benchmarks/bench_grade.py [--runs 9] [--exercise exercise-05] [--target solutions]

"cold": every worker is started afresh (GRADER_FORKSERVER=0), as on the first run of a day.
"warm": workers are forked by the server that a previous `grade` left running, as on every
later run. Python may cache bytecode, as it does on learners' machines. Prints the median
wall time of each, in seconds.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import exercises  # noqa: E402
from grader.sandbox import forkserver  # noqa: E402


def median_time(command: list[str], runs: int, env: dict) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--exercise", default="exercise-05")
    parser.add_argument("--target", default="exercises")
    args = parser.parse_args()
    ex = exercises.find(args.exercise)
    target = str(ROOT / args.target)
    grade_cmd = [sys.executable, "-m", "grader", ex.id, "--target", target, "--seed", "1"]
    pytest_cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ex.check_file),
                  "--target", target, "--seed", "1"]
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as servers:
        os.chmod(servers, 0o700)
        cold = {**base, "GRADER_FORKSERVER": "0"}
        warm = {**base, "GRADER_FORKSERVER_DIR": servers}
        median_time(grade_cmd, 1, cold)  # warm the file system and bytecode caches
        median_time(grade_cmd, 1, warm)  # leaves a server behind
        os.environ["GRADER_FORKSERVER_DIR"] = servers
        deadline = time.monotonic() + 60
        while not (forkserver.running() and forkserver.socket_path().exists()):
            if time.monotonic() > deadline:
                sys.exit("the warm server did not start")
            time.sleep(0.05)
        label = f"grade {ex.id} --target {args.target}"
        print(f"{'command':60} median of {args.runs}")
        print(f"{label + '  (cold)':60} {median_time(grade_cmd, args.runs, cold):.3f} s")
        print(f"{label + '  (warm)':60} {median_time(grade_cmd, args.runs, warm):.3f} s")
        print(f"{'pytest ' + ex.check_file.name + ' --target ' + args.target:60} "
              f"{median_time(pytest_cmd, args.runs, base):.3f} s")
        forkserver.stop(Path(servers))


if __name__ == "__main__":
    main()
