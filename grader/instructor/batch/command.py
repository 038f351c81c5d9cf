"""The command line: ``grade batch SUBMISSIONS_DIR [--out DIR] [--exercises ...] [--jobs N] ...``."""
from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
from pathlib import Path

from grader.i18n import LANGUAGES, T
from grader.instructor.batch.merge import MergeProblem, merge_runs
from grader.instructor.batch.run import Batch
from grader.instructor.batch.state import load_state
from grader.sandbox.guarantee import UNSAFE_OPTION, refusal
from grader.options import EXIT_OK, EXIT_USAGE, Parser, UnknownExercise, lang_from_argv, select_exercises
from grader.seeds import fresh_seed

EXIT_PROBLEMS = 1  # some students could not be graded fully (or the run was interrupted)
# CPU seconds for one student's exercise (a hang costs at most this): the reference solutions use
# under 1 s each, measured on a loaded 2-core machine (see docs/batch.md)
DEFAULT_BUDGET = 30.0


def default_jobs() -> int:
    """Grading processes for this machine: one and a half per core.  A grading process waits while its
    worker runs the student's code and the worker while the grader checks, and a student's import that
    sleeps waits without computing; one process per core left the two cores here idle a fifth of the
    time (100 students: 92 s with 2 processes, 74 s with 3, 75 s with 4)."""
    cores = os.cpu_count() or 1
    return cores + (cores + 1) // 2


def build_parser(lang: str) -> argparse.ArgumentParser:
    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    parser = Parser(
        lang=lang,
        prog="grade batch",
        description=t("Grade every student's submission (a folder or a .zip each) with every check, in "
                      "parallel; write a gradebook CSV and one JSON report per student.",
                      "학생마다 제출물(폴더 또는 .zip)을 모든 검사로 병렬 채점하고 성적표 CSV와 학생별 JSON 보고서를 "
                      "저장합니다."))
    parser.add_argument("submissions", metavar="SUBMISSIONS_DIR", type=Path, nargs="?",
                        help=t("one sub-folder or .zip per student, holding their exercise files",
                               "학생마다 하위 폴더 또는 .zip 하나 (실습 파일이 들어 있음)"))
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help=t("where to write the results (default: SUBMISSIONS_DIR-grades)",
                               "결과를 저장할 폴더 (기본값: SUBMISSIONS_DIR-grades)"))
    parser.add_argument("--exercises", nargs="+", metavar="EXERCISE",
                        help=t("grade only these exercises; the gradebook keeps the others' columns (default: all)",
                               "이 실습만 채점, 성적표의 다른 실습 열은 그대로 둠 (기본값: 전체)"))
    parser.add_argument("--jobs", "-j", type=int, default=default_jobs(),
                        help=t("grading processes in parallel (default: one and a half times the number of cores, "
                               "since each one waits for its students' code part of the time)",
                               "동시에 실행할 채점 프로세스 수 (기본값: 코어 수의 1.5배, 채점 프로세스마다 "
                               "학생 코드를 기다리는 시간이 있으므로)"))
    parser.add_argument("--timeout", type=str, default=str(DEFAULT_BUDGET), metavar="SECONDS",
                        help=t(f"CPU time for one student's exercise (default: {DEFAULT_BUDGET:g} s, more for checks that "
                               "declare long time limits; at most 4 times as much wall time)",
                               f"학생 한 명의 실습 하나에 주는 계산(CPU) 시간 (기본값: {DEFAULT_BUDGET:g}초, 긴 제한 시간을 둔 "
                               "검사가 있으면 그만큼 더; 실제 경과 시간은 그 4배까지)"))
    parser.add_argument("--seed", type=int,
                        help=t("seed for the hidden checks (default: the one of the previous run, else a new one)",
                               "비공개 검사의 시드 (기본값: 이전 실행의 시드, 없으면 새로 뽑음)"))
    parser.add_argument("--gradescope", action="store_true",
                        help=t("also write a Gradescope results.json per student",
                               "학생별 Gradescope results.json도 저장"))
    parser.add_argument("--regrade", nargs="*", metavar="STUDENT",
                        help=t("grade these students again (no name: everyone), even if their files did not change",
                               "이 학생들을 다시 채점 (이름이 없으면 전원), 파일이 바뀌지 않았어도"))
    parser.add_argument("--shard", metavar="K/N",
                        help=t("grade only shard K of N (a fixed 1/N of the class, the same on every machine)",
                               "N개로 나눈 학생 중 K번째 몫만 채점 (어느 컴퓨터에서나 같은 몫)"))
    parser.add_argument("--merge", nargs="+", type=Path, metavar="DIR",
                        help=t("join the results of these runs (shards) into --out instead of grading",
                               "채점하지 않고 이 실행(샤드)들의 결과를 --out에 합침"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("language of the reports", "보고서 언어"))
    parser.add_argument(UNSAFE_OPTION, action="store_true", dest="unsafe_no_sandbox",
                        help=t("grade even where learner code cannot be confined (a submission could forge "
                               "its score)", "학생 코드를 가둘 수 없는 곳에서도 채점 (제출물이 점수를 위조할 수 있음)"))
    return parser


class _Usage(Exception):
    """A problem with the command line, already worded for the user."""


def _timeout(text: str, t) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise _Usage(t(f"--timeout must be a number of seconds above 0 (not {text!r})",
                       f"--timeout은 0보다 큰 초 단위 숫자여야 합니다 ({text!r} 아님)"))
    return value


def _shard(text: str | None, t) -> tuple[int, int] | None:
    if text is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise _Usage(t(f"--shard must be K/N with 1 <= K <= N, such as 2/8 (not {text!r})",
                       f"--shard는 1 <= K <= N인 K/N 꼴이어야 합니다. 예: 2/8 ({text!r} 아님)"))
    return int(match.group(1)), int(match.group(2))


def writable_out(out: Path, t) -> None:
    """Make ``out`` (raises :class:`_Usage` when it cannot be made or written)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=out, prefix=".probe-")
        probe.close()
    except OSError as exc:
        raise _Usage(t(f"Cannot write to {out}: {exc.strerror or exc}",
                       f"{out}에 쓸 수 없습니다: {exc.strerror or exc}")) from None


def _make_batch(args: argparse.Namespace, lang: str, console) -> Batch:
    """The run that ``args`` ask for; raises :class:`_Usage`."""
    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    timeout, shard = _timeout(args.timeout, t), _shard(args.shard, t)
    refused = refusal(args.unsafe_no_sandbox)
    if refused is not None:
        raise _Usage(refused.render(lang))
    if args.submissions is None:
        raise _Usage(t("SUBMISSIONS_DIR is missing (or use --merge DIR...)",
                       "SUBMISSIONS_DIR가 없습니다 (또는 --merge DIR... 사용)"))
    if not args.submissions.is_dir():
        raise _Usage(t(f"Folder not found: {args.submissions}", f"폴더를 찾을 수 없습니다: {args.submissions}"))
    try:
        selected = sorted(select_exercises(args.exercises), key=lambda e: e.number)
    except UnknownExercise as exc:
        raise _Usage(exc.text(lang)) from None
    if args.jobs < 1:
        raise _Usage(t("--jobs must be at least 1", "--jobs는 1 이상이어야 합니다"))
    submissions = args.submissions.resolve()
    out = (args.out or submissions.with_name(submissions.name + "-grades")).resolve()
    if out == submissions or submissions in out.parents:
        raise _Usage(t("--out must be outside SUBMISSIONS_DIR", "--out은 SUBMISSIONS_DIR 밖이어야 합니다"))
    writable_out(out, t)
    seed = args.seed if args.seed is not None else load_state(out).get("seed")
    regrade = None if args.regrade is None else (set(args.regrade) or True)
    batch = Batch(submissions, out, selected, jobs=args.jobs, timeout=timeout,
                  seed=int(fresh_seed() if seed is None else seed), lang=lang, gradescope=args.gradescope,
                  regrade=regrade, shard=shard, console=console)
    unknown = batch.unknown(args.regrade or ())
    if unknown:
        raise _Usage(t(f"No such student in {submissions}: {', '.join(unknown)}",
                       f"{submissions}에 없는 학생: {', '.join(unknown)}"))
    return batch


def _merge(args: argparse.Namespace, lang: str, console, t) -> int:
    """``--merge DIR... --out OUT``: join the shards' results; raises :class:`_Usage`."""
    if args.submissions is not None or args.out is None:
        raise _Usage(t("--merge takes the runs' folders and --out, not SUBMISSIONS_DIR",
                       "--merge에는 SUBMISSIONS_DIR 대신 실행 결과 폴더들과 --out을 줍니다"))
    out = args.out.resolve()
    writable_out(out, t)
    try:
        merged = merge_runs([d.resolve() for d in args.merge], out, lang)
    except MergeProblem as problem:
        raise _Usage(problem.text.render(lang)) from None
    console.print(t(f"{merged} students from {len(args.merge)} runs. Gradebook: {out / 'gradebook.csv'}",
                    f"실행 {len(args.merge)}개에서 학생 {merged}명. 성적표: {out / 'gradebook.csv'}"),
                  markup=False)
    return EXIT_OK


def _print_summary(console, batch: Batch, summary: dict, t) -> int:
    problems = [r for r in batch.rows.values() if r["status"] != "graded"]
    seed = batch.seed
    console.print(t(f"{summary['students']} students: {summary['graded']} graded now, {summary['skipped']} "
                    f"unchanged since the last run, {len(problems)} with problems "
                    f"({summary['seconds']:.1f} s, seed {seed}).",
                    f"학생 {summary['students']}명: 이번에 {summary['graded']}명 채점, {summary['skipped']}명은 지난 "
                    f"실행 뒤로 바뀌지 않음, 문제 있음 {len(problems)}명 ({summary['seconds']:.1f}초, 시드 {seed})."),
                  markup=False)
    for row in sorted(problems, key=lambda r: r["student"]):
        console.print(f"  {row['student']}: {row['status']} — {row['notes']}", markup=False)
    gradebook = batch.out / "gradebook.csv"
    console.print(t(f"Gradebook: {gradebook}", f"성적표: {gradebook}"), markup=False)
    return EXIT_OK if not problems else EXIT_PROBLEMS


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console

    argv = list(sys.argv[1:] if argv is None else argv)
    lang = lang_from_argv(argv)
    args = build_parser(lang).parse_args(argv)
    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    console = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    try:
        if args.merge:
            return _merge(args, lang, console, t)
        batch = _make_batch(args, lang, console)
    except _Usage as problem:
        err.print(str(problem), markup=False, soft_wrap=True)
        return EXIT_USAGE
    try:
        summary = batch.run()
    except KeyboardInterrupt:
        err.print(t("Interrupted. Students graded so far are saved; run the same command again to continue.",
                    "중단했습니다. 지금까지 채점한 학생은 저장되었습니다. 같은 명령을 다시 실행하면 이어서 채점합니다."),
                  markup=False)
        return EXIT_PROBLEMS
    return _print_summary(console, batch, summary, t)

