"""Every learner-facing text in two languages, and the choice between them.

A :class:`Text` carries an English and a Korean version; the report renders
the one the learner asked for (``--lang``) or the one their locale names.
The lecture's terms live in :data:`GLOSSARY` so that every message uses the
same Korean word for the same idea.
"""
from __future__ import annotations

import locale
import os
from dataclasses import dataclass

LANGUAGES = ("en", "ko")

GLOSSARY = {
    "activation function": "활성화 함수",
    "step function": "계단 함수",
    "sigmoid function": "시그모이드 함수",
    "softmax function": "소프트맥스 함수",
    "overflow": "오버플로",
    "loss function": "손실 함수",
    "mean squared error": "평균 제곱 오차",
    "cross entropy error": "교차 엔트로피 오차",
    "numerical differentiation": "수치 미분",
    "central difference": "중심 차분",
    "forward difference": "전방 차분",
    "gradient": "기울기",
    "gradient descent": "경사 하강법",
    "learning rate": "학습률",
    "backpropagation": "오차역전파",
    "computational graph": "계산 그래프",
    "forward pass": "순전파",
    "backward pass": "역전파",
    "batch processing": "배치 처리",
    "mini-batch": "미니배치",
    "perceptron": "퍼셉트론",
    "broadcasting": "브로드캐스트",
    "weight": "가중치",
    "bias": "편향",
    "accuracy": "정확도",
    "epoch": "에폭",
}


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
