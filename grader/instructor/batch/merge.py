"""``grade batch --merge DIR... --out OUT``: one gradebook from the runs of several shards.

Each ``DIR`` is the ``--out`` of a run (typically ``--shard K/N`` on another machine); the
students its ``state.json`` lists are taken from it.  Every report is checked as a rerun checks it (a malformed one is left out, with a message); the
shards must have used the same seed, and a student graded in two of them must have the same
report in both.  ``OUT`` then holds the reports, the Gradescope files (if any), ``state.json``
(so a later run into ``OUT`` goes on from there) and ``gradebook.csv``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from grader.files import write_json
from grader.i18n import T, Text
from grader.instructor.batch.gradebook import row_from_report, write_gradebook
from grader.instructor.batch.report import MAX_REPORT_BYTES, read_report
from grader.instructor.batch.state import STATE_FORMAT, load_state


class MergeProblem(Exception):
    def __init__(self, text: Text):
        self.text = text
        super().__init__(text.en)


def _read_json(path: Path):
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_REPORT_BYTES:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError, UnicodeError):
        return None


def merge_runs(dirs: list[Path], out: Path, lang: str) -> int:
    """Merge the runs in ``dirs`` into ``out``; the number of students.  Raises :class:`MergeProblem`."""
    reports: dict[str, tuple[Path, dict]] = {}
    state = {"format": STATE_FORMAT, "students": {}}
    seeds = {}
    for folder in dirs:
        if not (folder / "reports").is_dir():
            raise MergeProblem(T(f"{folder} holds no reports/ (not the --out of a grade batch run)",
                                 f"{folder}에 reports/가 없습니다 (grade batch 실행의 --out이 아님)"))
        shard_state = load_state(folder)
        if "seed" in shard_state:
            seeds[folder] = shard_state["seed"]
        for path in sorted((folder / "reports").glob("*.json")):
            student = path.stem
            if student not in shard_state["students"]:  # not graded by this run (no longer in its class)
                continue
            report = read_report(path, student)
            if report is None:
                print(T(f"{path}: not a readable report, left out", f"{path}: 읽을 수 없는 보고서라 뺌").render(lang),
                      file=sys.stderr)
                continue
            if student in reports and reports[student][1] != report:
                raise MergeProblem(T(f"{student} was graded differently in {reports[student][0]} and {folder}",
                                     f"{student}의 채점 결과가 {reports[student][0]}와 {folder}에서 다릅니다"))
            reports[student] = (folder, report)
            if student in shard_state["students"]:
                state["students"][student] = shard_state["students"][student]
    if len(set(seeds.values())) > 1:
        listed = ", ".join(f"{folder}: {seed}" for folder, seed in seeds.items())
        raise MergeProblem(T(f"the runs used different seeds ({listed}); grade every shard with the same --seed",
                             f"실행마다 시드가 다릅니다 ({listed}). 모든 샤드를 같은 --seed로 채점하세요"))
    if seeds:
        state["seed"] = next(iter(seeds.values()))
    rows = {}
    for student, (folder, report) in sorted(reports.items()):
        write_json(out / "reports" / f"{student}.json", report)
        gradescope = _read_json(folder / "gradescope" / student / "results.json")
        if isinstance(gradescope, dict):
            write_json(out / "gradescope" / student / "results.json", gradescope)
        rows[student] = row_from_report(report)
    write_json(out / "state.json", state, indent=1)
    write_gradebook(out / "gradebook.csv", rows)
    return len(rows)
