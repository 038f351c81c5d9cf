"""Time what one learner worker costs: start (forked by the warm server), one call, close.

    python benchmarks/bench_worker_start.py [--workers 300] [--module solutions/ex01_arithmetic_types.py]

A class of 100 students x 9 exercises starts about 900 workers, so a millisecond here is about a
second of CPU time for the class.  Prints, per worker, the wall time and the CPU time of this
(grading) process and of the warm servers with everything they forked (the workers and their
keepers, counted once the server has reaped them; read from ``/proc``, so Linux only).  Run it on a
quiet machine, and compare checkouts with ``--checkout DIR`` (runs alternate between them).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs inside the checkout under test (its own grader package), prints three numbers per worker.
PROBE = r"""
import os, sys, time
from pathlib import Path
from grader.sandbox import forkserver, process
from grader.sandbox.proxy import connect

def server_seconds():
    total = 0
    for path in forkserver._paths(forkserver.socket_path()).values():
        pid = forkserver._server_pid(path.with_suffix(".lock"))
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
    return total / os.sysconf("SC_CLK_TCK")

process.use_forkserver = True
forkserver.start()
deadline = time.monotonic() + 30
while not (forkserver.running(forkserver.PLAIN) and forkserver.running(forkserver.PLOTTING)):
    if time.monotonic() > deadline:
        sys.exit("the warm servers did not start")
    time.sleep(0.1)
module, count = Path(sys.argv[1]), int(sys.argv[2])
worker, learner = connect(module)  # the first one warms this process up
worker.close()
time.sleep(0.5)
wall, mine, servers = time.perf_counter(), time.process_time(), server_seconds()
for _ in range(count):
    worker, learner = connect(module)
    worker.request(("getattr", None, "__name__"), "__name__")  # one round trip
    worker.close()
time.sleep(0.5)  # the last workers reaped
print((time.perf_counter() - wall - 0.5) / count, (time.process_time() - mine) / count,
      (server_seconds() - servers) / count)
"""


def measure(checkout: Path, module: Path, count: int) -> tuple[float, float, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout), "GRADER_FORKSERVER_IDLE": "30"}
    subprocess.run([sys.executable, "-c", "from grader.sandbox import forkserver; forkserver.stop()"],
                   cwd=checkout, env=env, capture_output=True)
    run = subprocess.run([sys.executable, "-c", PROBE, str(module), str(count)], cwd=checkout, env=env,
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{checkout}: {run.stderr[-2000:]}")
    wall, mine, servers = (float(v) for v in run.stdout.split()[-3:])
    return wall, mine, servers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=300)
    parser.add_argument("--module", type=Path, default=Path("solutions/ex01_arithmetic_types.py"),
                        help="a learner module, relative to each checkout")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--checkout", type=Path, action="append", help="a checkout to time (repeatable)")
    args = parser.parse_args()
    if not Path("/proc/self/stat").exists():
        raise SystemExit("this benchmark reads the warm servers' CPU time from /proc (Linux)")
    checkouts = [c.resolve() for c in (args.checkout or [ROOT])]
    found: dict[Path, list] = {c: [] for c in checkouts}
    for run in range(args.repeat):
        for checkout in checkouts:
            found[checkout].append(measure(checkout, (checkout / args.module).resolve(), args.workers))
            wall, mine, servers = found[checkout][-1]
            print(f"  run {run + 1} {checkout}: {wall * 1e3:.1f} ms wall, {mine * 1e3:.1f} ms grading process, "
                  f"{servers * 1e3:.1f} ms servers and workers, per worker", flush=True)
    for checkout, runs in found.items():
        wall, mine, servers = (statistics.median(r[i] for r in runs) for i in range(3))
        print(f"median {checkout}: {wall * 1e3:.1f} ms wall, {(mine + servers) * 1e3:.1f} ms CPU per worker "
              f"({mine * 1e3:.1f} grading process + {servers * 1e3:.1f} servers and workers)")


if __name__ == "__main__":
    main()
