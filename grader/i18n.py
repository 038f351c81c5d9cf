"""Every learner-facing text in two languages, and the choice between them.

A :class:`Text` carries an English and a Korean version; the report renders
the one the learner asked for (``--lang``) or the one their locale names.
"""
from __future__ import annotations

import locale
import os
from dataclasses import dataclass

LANGUAGES = ("en", "ko")


@dataclass(frozen=True)
class Text:
    """A message in English and Korean; ``format`` fills both the same way."""

    en: str
    ko: str

    def format(self, *args, **kwargs) -> "Text":
        return Text(self.en.format(*args, **kwargs), self.ko.format(*args, **kwargs))

    def render(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def __add__(self, other: "Text | str") -> "Text":
        if isinstance(other, str):
            return Text(self.en + other, self.ko + other)
        return Text(self.en + other.en, self.ko + other.ko)

    def __radd__(self, other: str) -> "Text":
        return Text(other + self.en, other + self.ko)


def T(en: str, ko: str) -> Text:
    return Text(en, ko)


def plain(text: str) -> Text:
    """Text that reads the same in both languages (numbers, code, file names)."""
    return Text(text, text)


def join(parts, sep: str = "\n") -> Text:
    parts = list(parts)
    return Text(sep.join(p.en for p in parts), sep.join(p.ko for p in parts))


def detect_language(environ=os.environ) -> str:
    """``ko`` when the locale is Korean (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else ``en``."""
    for var in ("GRADER_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(var, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "ko" if code.lower().startswith("ko") else "en"
