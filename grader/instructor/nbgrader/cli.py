"""``grade nbgrader COURSE_DIR [EXERCISE ...]``: its options and messages."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from grader.i18n import LANGUAGES, T
from grader.instructor.nbgrader.course import DEFAULT_COURSE_ID, MIN_CELL_TIMEOUT, write_course
from grader.instructor.nbgrader.merge import BuildError
from grader.options import EXIT_OK, EXIT_USAGE, Parser, UnknownExercise, lang_from_argv, select_exercises

EXIT_FAILED = 1


def build_parser(lang: str) -> Parser:
    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    parser = Parser(
        lang=lang,
        prog="grade nbgrader",
        description=t("Write the exercises as an nbgrader course: source notebooks with the reference "
                      "solutions and one autograded test cell per check.",
                      "실습을 nbgrader 과정으로 만듭니다: 모범 답안이 든 원본 노트북과 검사마다 하나씩의 "
                      "자동 채점 셀."),
        epilog=t("Then: cd COURSE_DIR && nbgrader generate_assignment exercise-05, and after collecting "
                 "submissions, nbgrader autograde exercise-05: it grades each notebook's code with grade, "
                 "in the sandbox, never in a kernel (see docs/nbgrader.md). Set GRADER_SEED to fix the "
                 "hidden checks' inputs and GRADER_LANG=ko for Korean feedback.",
                 "그다음: cd COURSE_DIR && nbgrader generate_assignment exercise-05, 제출물을 모은 뒤 "
                 "nbgrader autograde exercise-05. 이때 각 노트북의 코드는 커널이 아니라 샌드박스 안에서 "
                 "grade로 채점됩니다(docs/nbgrader.md 참고). GRADER_SEED로 비공개 검사의 입력을 고정하고, "
                 "GRADER_LANG=ko로 한국어 피드백을 받습니다."))
    parser.add_argument("course_dir", type=Path, metavar="COURSE_DIR",
                        help=t("the course folder (created if needed)", "과정 폴더 (없으면 만듦)"))
    parser.add_argument("exercises", nargs="*", metavar="EXERCISE",
                        help=t("exercises to write (default: all)", "만들 실습 (기본값: 전체)"))
    parser.add_argument("--course-id", default=DEFAULT_COURSE_ID,
                        help=t(f"nbgrader course id (default: {DEFAULT_COURSE_ID})",
                               f"nbgrader 과정 id (기본값: {DEFAULT_COURSE_ID})"))
    parser.add_argument("--timeout", type=int, default=None, metavar="SECONDS",
                        help=t(f"time limit per notebook cell when nbgrader runs it (default: {MIN_CELL_TIMEOUT}, "
                               "or twice the longest call a check allows)",
                               f"nbgrader가 셀 하나를 실행할 때의 제한 시간 (기본값: {MIN_CELL_TIMEOUT}초, "
                               "또는 검사가 허용하는 가장 긴 호출 시간의 두 배)"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("language of these messages", "이 메시지의 언어"))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = lang_from_argv(argv)
    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    args = build_parser(lang).parse_args(argv)
    try:
        selected = select_exercises(args.exercises)
    except UnknownExercise as exc:
        print(exc.text(lang), file=sys.stderr)
        return EXIT_USAGE
    if not re.fullmatch(r"[A-Za-z0-9_\-.]+", args.course_id):
        print(t(f"Invalid course id {args.course_id!r}", f"잘못된 과정 id {args.course_id!r}"), file=sys.stderr)
        return EXIT_USAGE
    try:
        written, wrote_config = write_course(args.course_dir, selected, course_id=args.course_id,
                                             timeout=args.timeout)
    except (BuildError, OSError, SyntaxError, ValueError) as exc:
        print(t("Could not build the course: ", "과정을 만들 수 없습니다: ") + str(exc), file=sys.stderr)
        return EXIT_FAILED
    for path in written:
        print(path)
    config = args.course_dir / "nbgrader_config.py"
    if not wrote_config:
        print(t(f"Kept your {config} (it has no `grade nbgrader` mark); check its course id and settings.",
                f"기존 {config}를 그대로 두었습니다(`grade nbgrader` 표시 없음). 과정 id와 설정을 확인하세요."),
              file=sys.stderr)
    first = selected[0].id if selected else "exercise-01"
    print(t(f"Next: cd {args.course_dir} && nbgrader generate_assignment {first}",
            f"다음: cd {args.course_dir} && nbgrader generate_assignment {first}"))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
