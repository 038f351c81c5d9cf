"""``grade``: a thin command line over :func:`grader.checking.runner.grade` and the renderers."""
from __future__ import annotations

import argparse
import atexit
import json
import os
import sys
import threading
from pathlib import Path

from rich.console import Console

from grader import exercises
from grader.files import write_json
from grader.i18n import LANGUAGES, T
from grader.options import (EXIT_OK, EXIT_SHORT, EXIT_USAGE, AloneWord, Parser, UnknownExercise, lang_from_argv,
                            select_exercises)

def build_parser(lang: str) -> argparse.ArgumentParser:
    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    parser = Parser(
        lang=lang,
        prog="grade",
        description=t("Grade your exercises for 'Deep Learning with Python'.",
                      "'파이썬으로 배우는 딥러닝' 실습을 채점합니다."),
        epilog=t("Examples: grade exercise-05 | grade 5 | grade all | grade list | grade --solutions all. "
                 "Instructors: grade release OUT_DIR | grade batch SUBMISSIONS_DIR | grade nbgrader COURSE_DIR "
                 "(each with --help).",
                 "예: grade exercise-05 | grade 5 | grade all | grade list | grade --solutions all. "
                 "강사용: grade release OUT_DIR | grade batch SUBMISSIONS_DIR | grade nbgrader COURSE_DIR "
                 "(각각 --help 참고)."))
    parser.add_argument("exercises", nargs="*", metavar="EXERCISE",
                        help=t("exercise ids (exercise-05, 5, 05, ex05), 'all' or 'list'; "
                               "none: an overview of your progress",
                               "실습 번호(exercise-05, 5, 05, ex05), 'all' 또는 'list'. 없으면 진행 상황 요약"))
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--target", type=Path, metavar="DIR",
                       help=t("grade the modules in DIR instead of exercises/",
                              "exercises/ 대신 DIR 폴더의 모듈을 채점"))
    where.add_argument("--solutions", action="store_true",
                       help=t("grade the reference solutions (same as --target solutions)",
                              "모범 답안을 채점 (--target solutions와 같음)"))
    parser.add_argument("--json", metavar="FILE",
                        help=t("also write the results as JSON to FILE ('-' for standard output)",
                               "결과를 JSON으로 FILE에 저장 ('-'는 표준 출력)"))
    parser.add_argument("--format", choices=("gradescope",), dest="format",
                        help=t("also write Gradescope's results.json (see --results)",
                               "Gradescope용 results.json도 저장 (--results 참고)"))
    parser.add_argument("--results", metavar="FILE", default="results.json",
                        help=t("where --format gradescope writes (default: results.json)",
                               "--format gradescope 결과를 저장할 위치 (기본값: results.json)"))
    parser.add_argument("--unsafe-no-sandbox", action="store_true",
                        help=t("with --format gradescope: grade even where learner code cannot be confined",
                               "--format gradescope와 함께: 학생 코드를 가둘 수 없는 곳에서도 채점"))
    parser.add_argument("--seed", type=int, help=t("seed for the hidden checks' random inputs",
                                                   "비공개 검사의 무작위 입력에 쓸 시드"))
    parser.add_argument("--watch", action="store_true",
                        help=t("re-grade every time you save the file, showing what changed (Ctrl-C stops)",
                               "파일을 저장할 때마다 다시 채점하고 바뀐 것만 보여 줌 (Ctrl-C로 중지)"))
    parser.add_argument("--show-output", action="store_true",
                        help=t("show what your code prints (print) while it is checked",
                               "채점하는 동안 여러분의 코드가 print로 출력하는 내용을 보여 줌"))
    parser.add_argument("--version", action=_Version, nargs=0,
                        help=t("show the kit's version and exit", "키트 버전을 보여 주고 끝냄"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("language of the report (default: from the locale)",
                                                            "보고서 언어 (기본값: 로케일에 따름)"))
    return parser


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked (package metadata is slow to read)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"grade {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("dlscratch-grader")
    except PackageNotFoundError:  # a kit used from its folder without installing it
        return "unknown (not installed)"


SUBCOMMANDS = {  # grade SUBCOMMAND ...: instructors' tools, each with its own options
    "nbgrader": "grader.instructor.nbgrader",
    "release": "grader.instructor.release",
    "batch": "grader.instructor.batch",
}


def run() -> None:
    """The ``grade`` command: :func:`main`, then a quick exit.

    Tearing the interpreter down (freeing NumPy, pytest, rich, ...) takes longer than some
    whole checks, and nothing is left to do by then: the workers are gone and every file is
    written. So once what a normal exit would still do has been done (threads that are not
    daemons joined, ``atexit`` functions run, output flushed), the process ends at once."""
    code = main()
    try:
        for thread in threading.enumerate():
            if thread is not threading.current_thread() and not thread.daemon:
                thread.join()
        atexit._run_exitfuncs()  # CPython's own exit path; elsewhere the normal exit below
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - e.g. a closed stdout: leave the ordinary way
        sys.exit(code)
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    finally:
        learner = sys.modules.get("grader.sandbox.process")
        if learner is not None:
            learner.use_forkserver = False  # only for this command's own workers
            if learner.echo is not None:
                from grader.render.progress import show_learner_output
                show_learner_output(False)
        shown = sys.modules.get("grader.render.progress")
        if shown is not None:
            shown.language = None


def _main(argv: list[str]) -> int:
    if argv and argv[0] in SUBCOMMANDS:
        import importlib
        return importlib.import_module(SUBCOMMANDS[argv[0]]).main(argv[1:])
    lang = lang_from_argv(argv)
    try:
        args = build_parser(lang).parse_args(argv)
    except SystemExit as exc:  # a usage error (--seed notanumber): Gradescope still finds a results.json
        results = _gradescope_results(argv)
        if exc.code and results is not None:
            from grader.render.gradescope import write_failure
            write_failure(results, T(f"The autograder was started wrongly: grade {' '.join(argv)}",
                                     f"채점기를 잘못 실행했습니다: grade {' '.join(argv)}"), lang)
        raise
    if args.format == "gradescope":  # whatever happens next, Gradescope finds a results.json saying it
        from grader.render.gradescope import ensure_results
        with ensure_results(Path(args.results), lang):
            return _command(args, lang)
    return _command(args, lang)


def _gradescope_results(argv: list[str]) -> Path | None:
    """Where ``argv`` asks for Gradescope's results.json (None: no ``--format gradescope``), read
    word by word, for a command line that the parser refused."""
    options: dict[str, str] = {}
    for i, word in enumerate(argv):
        name, equals, value = word.partition("=")
        if name in ("--format", "--results"):
            options[name] = value if equals else (argv[i + 1] if i + 1 < len(argv) else "")
    return Path(options.get("--results") or "results.json") if options.get("--format") == "gradescope" else None


def _command(args, lang: str) -> int:
    console = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    if args.exercises == ["list"]:
        for ex in exercises.available():
            console.print(f"{ex.id}  {ex.filename:28} {ex.title.render(lang)}")
        return EXIT_OK
    try:
        selected = select_exercises(args.exercises)
    except UnknownExercise as exc:
        err.print(exc.text(lang) + ", list")
        return EXIT_USAGE
    except AloneWord as exc:
        err.print(exc.text(lang), markup=False)
        return EXIT_USAGE
    if args.format == "gradescope":  # grades that count: only where learner code is confined
        from grader.sandbox.guarantee import refusal
        refused = refusal(args.unsafe_no_sandbox)
        if refused is not None:
            from grader.render.gradescope import write_failure
            write_failure(Path(args.results), refused, lang)
            err.print(refused.render(lang), markup=False)
            return EXIT_USAGE
    # --solutions: the kit's own reference, wherever grade runs from
    target = exercises.SOLUTIONS_DIR if args.solutions else (args.target or exercises.ROOT / "exercises")
    if not target.is_dir():
        err.print(T(f"Folder not found: {target}", f"폴더를 찾을 수 없습니다: {target}").render(lang))
        return EXIT_USAGE
    if args.json and args.json != "-":  # before grading: a run that cannot save its report is not run
        problem = _unwritable(Path(args.json))
        if problem is not None:
            err.print(problem.render(lang), markup=False, soft_wrap=True)
            return EXIT_USAGE
    return _grade(args, selected, target, lang, console, err)


def _unwritable(path: Path):
    """Why the report cannot be written to ``path`` (its folder is made if missing), or None."""
    import tempfile
    if path.is_dir():
        return T(f"--json: {path} is a folder; give a file name such as report.json",
                 f"--json: {path}은(는) 폴더입니다. report.json 같은 파일 이름을 주세요")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".probe").close()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return T(f"--json: cannot write {path}: {reason}", f"--json: {path}에 쓸 수 없습니다: {reason}")
    return None


def _grade(args, selected, target: Path, lang: str, console: Console, err: Console) -> int:
    # start the workers now: they import learner code while the grader loads pytest
    from grader.sandbox import forkserver
    from grader.sandbox import process as learner
    learner.use_forkserver = True  # a warm server, if one runs, forks them (grader/sandbox/forkserver.py)
    from grader.render import progress
    progress.language = lang  # of what shows while checks run (a training run's progress)
    if args.show_output:
        progress.show_learner_output()
    learner.prestart(target / ex.filename for ex in selected)
    from grader.checking.runner import GraderError, grade

    if args.watch:
        from grader.seeds import run_seed
        from grader.watch import watch
        last = watch(selected, target, run_seed(args.seed), lang, console, after_run=forkserver.start)
        return EXIT_OK if last is not None and last.full_marks else EXIT_SHORT
    official = args.format == "gradescope"  # grades that count: fresh inputs too (grader.seeds)
    try:
        report = grade(selected, target, seed=args.seed, extra_args=("--official",) if official else ())
    except Exception as exc:  # noqa: BLE001 - never a traceback wall, never a pass
        if official:
            from grader.render.gradescope import write_failure
            write_failure(Path(args.results), exc, lang)
        err.print(T("The grader could not run: ", "채점기를 실행할 수 없습니다: ").render(lang)
                  + f"{type(exc).__name__}: {exc}" if not isinstance(exc, GraderError) else str(exc))
        return EXIT_SHORT
    _show(report, args, lang, console)
    forkserver.start()  # for the next run: the learner will be back in a minute
    return EXIT_OK if report.full_marks else EXIT_SHORT


def _show(report, args, lang: str, console: Console) -> None:
    """The report on the terminal (an overview when no exercise was named), and the files asked for."""
    from grader.render.report import render_overview, render_report
    if args.format == "gradescope":
        from grader.render.gradescope import write_results
        write_results(report, Path(args.results), lang)
    if args.json == "-":
        print(json.dumps(report.to_json(lang), ensure_ascii=False, indent=2))
        return
    if args.json:
        write_json(Path(args.json), report.to_json(lang))
    (render_report if args.exercises else render_overview)(report, console, lang)


if __name__ == "__main__":
    sys.exit(main())
