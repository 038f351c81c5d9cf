"""``grade release OUT_DIR``: build the student kit.

The kit holds the stubs (``exercises/``), the grader with the *public* checks
only (every check marked ``hidden=True`` is cut out of the check files:
:mod:`grader.instructor.release_checks`), the MNIST loader (``dataset/``, with
``dataset/weights/`` if present), a ``pyproject.toml`` without the ``solutions``
package and a README for students (:mod:`grader.instructor.release_kit`).  It
holds no reference solution: the public checks compare against an answer key
(:mod:`grader.checking.answer_key`) recorded here by running them against
``solutions/`` (:mod:`grader.instructor.record_keys`).

Before the kit is moved into place it is verified: the kit's own grader, run
in a separate process that cannot import ``solutions``, must give the
reference solutions full marks on every public check and the stubs nothing
(:mod:`grader.instructor.release_verify`), and no file of the kit may contain a
line of reference code or the name of a hidden check
(:mod:`grader.instructor.release_leaks`).
"""
from __future__ import annotations

import ast
import os
import shutil
import sys
import tempfile
from pathlib import Path

from grader import exercises
from grader.checking.answer_key import Store, key_path
from grader.i18n import LANGUAGES, T
from grader.instructor.release_checks import HiddenCheck, ReleaseError, check_decorator, public_source
from grader.instructor.release_kit import copy_tree, patch_runner, write_kit_files
from grader.instructor.release_leaks import scan, secret_lines
from grader.instructor.release_verify import verify

__all__ = ["HiddenCheck", "ReleaseError", "build", "main", "public_source", "record_answer_keys"]

EXIT_OK, EXIT_FAILED = 0, 1
KIT_MARKER = ".grade-kit"  # written at the top of every kit, so that --force only ever replaces a kit


def _say(console, en: str, ko: str, lang: str) -> None:
    if console is not None:
        console.print(T(en, ko).render(lang))


def record_answer_keys(root: Path, dest: Path, console=None, lang: str = "en") -> dict[str, int]:
    """Run the public checks against the reference (and the stubs) while recording; write the keys."""
    from grader.instructor.record_keys import record_public_checks

    selected = exercises.available()
    stores, failed = record_public_checks(root, selected)
    if failed:
        raise ReleaseError("the reference solutions do not pass every public check while the answer key "
                           "is recorded:\n  " + "\n  ".join(failed))
    sizes = {}
    for ex in selected:
        store = stores.get(ex.module) or Store(ex.module, ex.id)
        store.save(key_path(ex.module, dest))
        sizes[ex.module] = len(store.entries)
        _say(console, f"  answer key {ex.module}: {len(store.entries)} answers",
             f"  답안 키 {ex.module}: 답 {len(store.entries)}개", lang)
    return sizes


# ============================================================================ building
def _check_out_dir(out: Path, root: Path, force: bool) -> None:
    """Refuse an OUT_DIR that is part of the repository, or that holds anything but an earlier kit."""
    if not (root / "solutions").is_dir():
        raise ReleaseError(f"{root / 'solutions'} not found: grade release runs in the instructor's repository")
    protected = [root] + [root / name for name in ("grader", "exercises", "solutions", "dataset", "tests")]
    if any(out == p or out in p.parents or p in out.parents and p != root for p in protected):
        raise ReleaseError(f"{out} is part of the repository (or holds it); choose another folder")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not force:
            raise ReleaseError(f"{out} exists and is not empty (use --force to replace an earlier kit)")
        if not (out / KIT_MARKER).is_file():
            raise ReleaseError(f"{out} is not a kit made by grade release: not replacing it")


def build(out: Path, *, root: Path | None = None, force: bool = False, console=None, lang: str = "en") -> dict:
    """Build the kit into ``out``; returns a summary.  Raises :class:`ReleaseError`."""
    root = Path(root or exercises.ROOT).resolve()
    out = Path(out).resolve()
    _check_out_dir(out, root, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        summary = _build_into(staging, root, console, lang)
        if out.exists():
            shutil.rmtree(out)
        os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    summary["out"] = str(out)
    return summary


def _copy_sources(kit: Path, root: Path) -> None:
    copy_tree(root / "exercises", kit / "exercises", (".py",))
    copy_tree(root / "grader", kit / "grader")
    (kit / "dataset").mkdir()
    for path in sorted((root / "dataset").glob("*.py")):
        shutil.copy2(path, kit / "dataset" / path.name)
    if (root / "dataset" / "weights").is_dir():
        copy_tree(root / "dataset" / "weights", kit / "dataset" / "weights")


def _write_public_checks(kit: Path, root: Path) -> tuple[int, list[HiddenCheck]]:
    """The kit's check files without hidden checks: (public checks kept, hidden checks removed)."""
    hidden: list[HiddenCheck] = []
    public_count = 0
    for path in sorted((root / "grader" / "checks").glob("test_*.py")):
        text, removed = public_source(path.read_text(encoding="utf-8"), path.name)
        (kit / "grader" / "checks" / path.name).write_text(text, encoding="utf-8")
        hidden += removed
        public_count += sum(1 for n in ast.parse(text).body if check_decorator(n) is not None)
    return public_count, hidden


def _build_into(kit: Path, root: Path, console, lang: str) -> dict:
    _say(console, "Copying the stubs, the grader and the MNIST loader ...",
         "실습 파일, 채점기, MNIST 불러오기를 복사하는 중 ...", lang)
    _copy_sources(kit, root)
    public_count, hidden = _write_public_checks(kit, root)
    _say(console, f"Checks: {public_count} public kept, {len(hidden)} hidden removed.",
         f"검사: 공개 {public_count}개 유지, 비공개 {len(hidden)}개 제거.", lang)
    patch_runner(kit)
    write_kit_files(kit)

    _say(console, "Recording the answer key (public checks against the reference solutions) ...",
         "답안 키를 기록하는 중 (공개 검사를 모범 답안으로 실행) ...", lang)
    sizes = record_answer_keys(root, kit / "grader" / "answer_keys", console, lang)

    _say(console, "Verifying the kit: the reference earns full marks, the stubs nothing ...",
         "키트를 확인하는 중: 모범 답안은 만점, 빈 실습 파일은 0점 ...", lang)
    result = verify(kit, root)
    for junk in list(kit.rglob("__pycache__")):
        shutil.rmtree(junk, ignore_errors=True)
    problems = scan(kit, secret_lines(root), hidden)
    if problems:
        raise ReleaseError("the kit would leak:\n  " + "\n  ".join(problems[:30]))
    (kit / KIT_MARKER).write_text("student kit made by grade release\n", encoding="utf-8")
    return {"public_checks": public_count, "hidden_removed": len(hidden), "answers": sizes,
            "public_points": result["solutions"]["max_score"]}


# ============================================================================ command line
def _parser(lang: str):
    from grader.options import Parser

    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    parser = Parser(
        lang=lang,
        prog="grade release",
        description=t("Build the student kit: stubs, the grader with public checks only, the MNIST loader "
                      "and an answer key recorded from the reference solutions (no solution code).",
                      "학생용 키트를 만듭니다: 실습 파일, 공개 검사만 있는 채점기, MNIST 불러오기, 모범 답안에서 "
                      "기록한 답안 키 (답안 코드 없음)."))
    parser.add_argument("out", metavar="OUT_DIR", type=Path,
                        help=t("folder to write the kit to (must not exist, or be empty)",
                               "키트를 만들 폴더 (없거나 비어 있어야 함)"))
    parser.add_argument("--force", action="store_true",
                        help=t("replace OUT_DIR if it holds a kit made earlier", "OUT_DIR에 이전 키트가 있으면 교체"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("language of the messages", "메시지 언어"))
    return parser


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console

    from grader.options import lang_from_argv

    argv = list(sys.argv[1:] if argv is None else argv)
    lang = lang_from_argv(argv)
    args = _parser(lang).parse_args(argv)
    console = Console(highlight=False)
    try:
        summary = build(args.out, force=args.force, console=console, lang=lang)
    except ReleaseError as exc:
        Console(stderr=True, highlight=False).print(T("grade release: ", "grade release: ").render(lang) + str(exc),
                                                    markup=False)
        return EXIT_FAILED
    console.print(T(f"Student kit written to {summary['out']}: {summary['public_checks']} public checks "
                    f"({summary['public_points']:g} points), {summary['hidden_removed']} hidden checks left out.",
                    f"학생용 키트를 {summary['out']}에 만들었습니다: 공개 검사 {summary['public_checks']}개 "
                    f"({summary['public_points']:g}점), 비공개 검사 {summary['hidden_removed']}개 제외.").render(lang),
                  markup=False)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
