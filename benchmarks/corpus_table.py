"""Per exercise: how many corpus mistakes are caught and named, how many correct variants pass.

    MNIST_DIR=../shared/mnist python benchmarks/corpus_table.py [--exercises 05 06] [--seed N]

A mistake counts as caught when it loses points and a failing check's hint or message
contains its EXPECT_HINT; a variant passes when it earns full marks.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from corpus_tools import cases, grade_case, names_mistake  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercises", nargs="*", help="exercise numbers (default: all)")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    wanted = {int(n) for n in args.exercises} if args.exercises else None
    tally = defaultdict(lambda: {"mistake": [0, 0], "variant": [0, 0]})
    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases():
            if wanted and case.exercise.number not in wanted:
                continue
            result = grade_case(case, Path(tmp), seed=args.seed)
            if case.kind == "mistake":
                ok = result.score < result.max_score and names_mistake(result, case.expect_hint)
            else:
                ok = result.score == result.max_score
            counts = tally[case.exercise.id][case.kind]
            counts[0] += ok
            counts[1] += 1
            if not ok:
                missed.append(case.id)
    table = Table(title="Mistakes and variants corpus")
    for column in ("exercise", "mistakes caught", "variants passing"):
        table.add_column(column)
    for ex_id in sorted(tally):
        m, v = tally[ex_id]["mistake"], tally[ex_id]["variant"]
        table.add_row(ex_id, f"{m[0]}/{m[1]}", f"{v[0]}/{v[1]}")
    Console().print(table)
    if missed:
        print("not as expected:", ", ".join(missed))


if __name__ == "__main__":
    main()
