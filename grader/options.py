"""What every ``grade`` command parses the same way: its words, ``--lang`` and exercise ids."""
from __future__ import annotations

import argparse
import sys
import unicodedata

from grader import exercises
from grader.exercises import Exercise
from grader.i18n import LANGUAGES, T, detect_language

EXIT_OK, EXIT_SHORT, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """argparse with its own words (usage, option groups, errors) in the learner's language.

    ``grade`` and its subcommands (release, batch, nbgrader) all parse with it."""

    def __init__(self, *args, lang: str = "en", **kwargs):
        self.lang = lang
        super().__init__(*args, add_help=False, formatter_class=self._formatter(lang), **kwargs)
        self._positionals.title = T("positional arguments", "위치 인자").render(lang)
        self._optionals.title = T("options", "옵션").render(lang)
        self.add_argument("-h", "--help", action="help",
                          help=T("show this help and exit", "도움말을 보여 주고 끝냄").render(lang))

    @staticmethod
    def _formatter(lang):
        class Formatter(argparse.HelpFormatter):
            def add_usage(self, usage, actions, groups, prefix=None):
                super().add_usage(usage, actions, groups, T("usage: ", "사용법: ").render(lang))

            def _split_lines(self, text, width):  # Hangul takes two columns on a terminal
                return wrap_display(" ".join(text.split()), width)

            def _fill_text(self, text, width, indent):
                return "\n".join(indent + line for line in wrap_display(" ".join(text.split()),
                                                                         width - len(indent)))
        return Formatter

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, T(f"{self.prog}: error: {message}\n",
                                f"{self.prog}: 오류: {message}\n").render(self.lang))


def lang_from_argv(argv: list[str]) -> str:
    """The ``--lang`` asked for (before argparse runs, so that its own messages use it too)."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGUAGES:
            return value
    return detect_language()


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (Hangul, CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_display(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken between words."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and display_width(candidate) > width:
            lines.append(line)
            candidate = word
        line = candidate
    return lines + ([line] if line else [])


class UnknownExercise(ValueError):
    """An exercise id that names no exercise of this installation."""

    def __init__(self, token: str):
        self.token = token
        super().__init__(token)

    def text(self, lang: str) -> str:
        valid = ", ".join(ex.id for ex in exercises.available())
        return T(f"Unknown exercise {self.token!r}. Valid ids: {valid}, all",
                 f"알 수 없는 실습 {self.token!r}. 가능한 번호: {valid}, all").render(lang)


class AloneWord(ValueError):
    """``all`` or ``list`` given together with other exercise ids."""

    def __init__(self, word: str):
        self.word = word
        super().__init__(word)

    def text(self, lang: str) -> str:
        particle = {"all": "은", "list": "는"}[self.word]  # read as 올, 리스트
        return T(f"{self.word!r} stands alone: grade {self.word} (or name exercises, e.g. grade 5 6)",
                 f"{self.word!r}{particle} 단독으로 씁니다: grade {self.word} (또는 실습 번호만, 예: grade 5 6)"
                 ).render(lang)


def select_exercises(tokens: list[str] | None) -> list[Exercise]:
    """The exercises that ``tokens`` name (``exercise-05``, ``5``, ``ex05``, ``all``), each once,
    in the order given; none or ``all``: every exercise.  Raises :class:`UnknownExercise`, or
    :class:`AloneWord` when ``all`` or ``list`` comes with other ids."""
    tokens = list(tokens or [])
    for word in ("all", "list"):
        if word in tokens and len(tokens) > 1:
            raise AloneWord(word)
    known = exercises.available()
    selected: list[Exercise] = []
    for token in tokens or ["all"]:
        found = known if token == "all" else [exercises.find(token)]
        if found == [None]:
            raise UnknownExercise(token)
        selected += [ex for ex in found if ex not in selected]
    return selected
