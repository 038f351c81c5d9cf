"""What a failed check says, built once for every output (terminal, text, JSON, Gradescope, notebook).

:func:`describe` turns a :class:`CheckResult` into a :class:`Failure` of plain strings in
the learner's language; the renderers only lay it out.  Everything that came from learner
code (messages, source lines, printed output) passes :func:`printable`, so that no
terminal control sequence of a learner's reaches the instructor's or the learner's screen.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from grader.i18n import T
from grader.results import CheckResult
from grader.sandbox.untrusted import shown

FRAMES_SHOWN = 4  # the innermost frames of the learner's traceback
OUTPUT_SHOWN = 800  # the last characters of what the learner's code printed
# how each status reads: its label, its colour on a terminal, its mark in plain text
STATUS = {
    "passed": (T("passed", "통과"), "green", "✓"),
    "failed": (T("failed", "실패"), "red", "✗"),
    "error": (T("error", "오류"), "red", "!"),
    "timeout": (T("timeout", "시간 초과"), "magenta", "⏱"),
    "skipped": (T("skipped", "건너뜀"), "yellow", "-"),
    "not started": (T("not started", "시작 전"), "dim", "·"),
}


def clip(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut at an element boundary (after a comma, else a
    space) and ending in "…", so that no number is shown cut in two."""
    if len(text) <= limit:
        return text
    cut = text[:max(limit - 1, 1)]
    for boundary in (",", " "):
        at = cut.rfind(boundary)
        if at >= len(cut) // 2:
            return cut[:at + 1].rstrip() + " …"
    return cut + "…"


def printable(text: str) -> str:
    """``text`` with control characters (ESC, BEL, CR, ...) shown as ``\\x1b`` instead of acting."""
    return shown(text)


@dataclass(frozen=True)
class Frame:
    where: str  # "ex05_activations.py, line 12, in sigmoid"
    line: str  # the source line, stripped ("" when unknown)


@dataclass(frozen=True)
class Failure:
    message: str = ""
    frames: list[Frame] = field(default_factory=list)
    output: str = ""
    hint: str = ""

    @staticmethod
    def frames_heading(lang: str) -> str:
        return T("In your code:", "여러분의 코드:").render(lang)

    @staticmethod
    def output_heading(lang: str) -> str:
        return T("Output of your code:", "코드의 출력:").render(lang)

    @staticmethod
    def hint_label(lang: str) -> str:
        return T("Hint: ", "힌트: ").render(lang)


def where(filename: str, lineno: int, function: str, lang: str) -> str:
    """"ex05_activations.py, line 12, in sigmoid": one frame of the learner's traceback, in ``lang``."""
    if function == "<module>":
        place = T(f"line {lineno}, at the top of the module", f"{lineno}번째 줄, 모듈 최상위")
    else:
        place = T(f"line {lineno}, in {function}", f"{lineno}번째 줄, {function} 함수")
    return f"{Path(filename).name}, " + place.render(lang)


def describe(check: CheckResult, lang: str, repeated_hint: bool = False) -> Failure:
    """What went wrong in ``check`` (empty for a passed check)."""
    if check.status == "passed":
        return Failure()
    frames = [] if check.not_started else [
        Frame(printable(where(f.filename, f.lineno, f.function, lang)), printable((f.line or "").strip()))
        for f in check.frames[-FRAMES_SHOWN:]]
    hint = ""
    if check.hint:
        hint = (T("the same as above.", "위와 같습니다.") if repeated_hint else check.hint).render(lang)
    return Failure(message=printable(check.message.render(lang)) if check.message else "",
                   frames=frames, output=printable(check.output[-OUTPUT_SHOWN:]) if check.output else "",
                   hint=printable(hint))


def failure_text(check: CheckResult, lang: str, heading: str | None = None) -> str:
    """The failure as plain text: Gradescope's output, a notebook cell's feedback."""
    failure = describe(check, lang)
    parts = [heading] if heading else []
    if failure.message:
        parts.append(failure.message)
    if failure.frames:
        parts.append(failure.frames_heading(lang))
        for frame in failure.frames:
            parts.append("  " + frame.where)
            if frame.line:
                parts.append("      " + frame.line)
    if failure.output:
        parts += [failure.output_heading(lang), failure.output]
    if failure.hint:
        parts.append(failure.hint_label(lang) + failure.hint)
    return "\n".join(parts)
