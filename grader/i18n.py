"""Every learner-facing text in two languages, and the choice between them.

A :class:`Text` carries an English and a Korean version; the report renders
the one the learner asked for (``--lang``) or the one their locale names.
"""
from __future__ import annotations

import locale
import os
import re
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


# ---------------------------------------------------------------------------- Korean particles
# How the end of a word is read decides its particle: 405756 ends in 육 (으로), 21 in 일 (로),
# 942930 in 십 (으로); a Latin letter by its Korean name: h 에이치 (로), m 엠 (으로), l 엘 (로).
_PAIRS = {"이": ("이", "가"), "가": ("이", "가"), "을": ("을", "를"), "를": ("을", "를"), "은": ("은", "는"),
          "는": ("은", "는"), "과": ("과", "와"), "와": ("과", "와"), "으로": ("으로", "로"), "로": ("으로", "로")}
_DIGIT_FINAL = {"0": "ㅇ", "1": "ㄹ", "2": "", "3": "ㅁ", "4": "", "5": "", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ", "9": ""}
_UNIT_FINAL = {1: "ㅂ", 2: "ㄱ", 3: "ㄴ", 4: "ㄴ", 8: "ㄱ", 12: ""}  # 십 백 천 만 억 조: ending in zeros, a number
# is read ending in its unit (120000 is 십이만, ending in 만)
_LETTER_FINAL = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}  # every other letter's name ends in a vowel
_FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


def _final_sound(word: str) -> str:
    """The final consonant of how ``word`` is read ("" for a vowel), or None when unknown."""
    core = re.sub(r"\(\s*\)$", "", word.rstrip("'\"`.,!? ")).rstrip(")]}'\"`.,!? ")  # perceptron(): perceptron
    if not core:
        return ""
    last = core[-1]
    if "가" <= last <= "힣":
        return _FINALS[(ord(last) - 0xAC00) % 28].strip()
    if last.isdigit():
        digits = core[len(core.rstrip("0123456789")):]
        zeros = len(digits) - len(digits.rstrip("0"))
        if zeros and digits.rstrip("0"):
            unit = zeros if zeros < 4 else 4 * (zeros // 4)
            return _UNIT_FINAL[min(unit, 12)]
        return _DIGIT_FINAL[last]
    run = re.search(r"[A-Za-z]+$", core)
    if run is None or len(run.group()) == 1:
        return _LETTER_FINAL.get(last.lower(), "")
    return _word_final(run.group())


# English words as Korean reads them: the last part of a name ("SoftmaxWithLoss": Loss, 로스; "NoneType":
# Type, 타입); words whose ending the rules below would get wrong are listed.
_WORDS = {"none": "ㄴ", "type": "ㅂ", "affine": "ㄴ", "step": "ㅂ", "name": "ㅁ", "line": "ㄴ", "time": "ㅁ",
          "zip": "ㅂ", "log": "ㄱ", "hot": "ㅅ", "shape": "", "true": "", "false": "", "module": "ㄹ",
          "one": "ㄴ", "done": "ㄴ", "table": "ㄹ"}


def _word_final(word: str) -> str:
    parts = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", word)
    part = (parts[-1] if parts else word).lower()
    if part in _WORDS:
        return _WORDS[part]
    if not re.search(r"[aeiouy]", part):  # lr, str, dx: read letter by letter
        return _LETTER_FINAL.get(part[-1], "")
    if part.endswith("ng"):
        return "ㅇ"
    return {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ"}.get(part[-1], "")  # layer, error, XOR: a silent r


def josa(word, particle: str) -> str:
    """``word`` followed by the form of ``particle`` that fits how it is read: ``josa(405756, "로")``
    is "405756으로", ``josa("h", "으로")`` is "h로", ``josa("sigmoid", "을")`` is "sigmoid를"."""
    word = str(word)
    consonant, vowel = _PAIRS[particle]
    final = _final_sound(word)
    if consonant == "으로":
        return word + ("로" if final in ("", "ㄹ") else "으로")
    return word + (consonant if final else vowel)
