"""Turning what went wrong in a check into a verdict: a status, a message and (maybe) a hint.

Used by the pytest plugin for every failed check and by the notebook runner, so that a
failure reads the same under ``grade`` and in a notebook.
"""
from __future__ import annotations

import re
from pathlib import Path

from grader.checking.check import CheckFailed
from grader.i18n import T, Text, plain
from grader.results import CheckResult, Frame
from grader.sandbox.process import LearnerCrashed, LearnerError, LearnerImportError, LearnerTimeout


class LearnerMissing(Exception):
    """The learner's module file does not exist."""


class LearnerCopied(Exception):
    """The learner's code uses the reference solution or the checks (named by the exception)."""


def _frames(info: dict) -> list[Frame]:
    return [Frame(*frame) for frame in info.get("frames", [])]


def classify(result: CheckResult, exc: BaseException | None) -> None:
    """Turn what went wrong into a status, a message and (maybe) a hint."""
    result.status = "failed"
    if isinstance(exc, CheckFailed):
        result.message, result.hint = exc.message, exc.hint
    elif isinstance(exc, LearnerError):
        info = exc.info
        result.frames = _frames(info)
        if exc.not_implemented:
            result.not_started = True
            result.message = T("not started: this function still raises NotImplementedError",
                               "아직 시작하지 않음: 이 함수는 아직 NotImplementedError를 발생시킵니다")
            result.hint = T("Replace `raise NotImplementedError` with your code (see the TODO).",
                            "TODO를 보고 `raise NotImplementedError`를 여러분의 코드로 바꾸세요.")
        else:
            result.status = "error"
            result.message = error_text(info)
            result.hint = error_hint(info)
    elif isinstance(exc, LearnerTimeout):
        result.status = "timeout"
        result.message = T(f"{exc.what} did not finish within the {exc.seconds:g} s limit",
                           f"{exc.what}이(가) 제한 시간 {exc.seconds:g}초 안에 끝나지 않았습니다")
        result.hint = T("Look for a loop that never ends (a `while` whose condition never changes).",
                        "끝나지 않는 반복문이 있는지 확인하세요(조건이 바뀌지 않는 `while` 등).")
    elif isinstance(exc, LearnerCrashed):
        result.status = "error"
        result.message = T(f"Your code crashed: {exc.text.en}", f"코드가 비정상 종료되었습니다: {exc.text.ko}")
        if exc.memory:
            result.hint = T("Your code hit the memory limit: is an array much larger than it should be?",
                            "메모리 제한을 넘었습니다. 배열이 필요 이상으로 크지 않은지 확인하세요.")
        if exc.output.strip():
            result.output = exc.output[-2000:]
    elif isinstance(exc, LearnerImportError):
        result.status = "error"
        result.frames = [] if exc.info.get("copied") else _frames(exc.info)
        result.message = import_error_text(exc.info)
        result.hint = error_hint(exc.info)
    elif isinstance(exc, LearnerMissing):
        result.status = "error"
        result.message = T(f"File not found: {exc}", f"파일을 찾을 수 없습니다: {exc}")
    elif isinstance(exc, LearnerCopied):
        result.status = "error"
        result.message = T(f"Your module imports {exc} (the reference solution or the checks): "
                           "this exercise scores 0.",
                           f"모듈이 {exc}(참조 답안 또는 채점 코드)을(를) 가져옵니다. 이 실습은 0점입니다.")
    elif isinstance(exc, AssertionError):
        result.message = plain(str(exc) or "assertion failed")
    else:
        result.status = "error"
        result.message = T(f"The grader could not run this check ({type(exc).__name__}: {exc})",
                           f"채점기가 이 검사를 실행하지 못했습니다 ({type(exc).__name__}: {exc})")


def error_text(info: dict) -> Text:
    kind, message = info.get("type"), info.get("message", "")
    if info.get("copied"):
        return T(f"Your code tried to read {info['copied']} (the reference solution or the checks).",
                 f"코드가 {info['copied']}(참조 답안 또는 채점 코드)을(를) 읽으려 했습니다.")
    if kind == "SystemExit":
        return T(f"Your code called sys.exit() ({message}).", f"코드가 sys.exit()를 호출했습니다 ({message}).")
    if kind == "UnsendableValue":
        return T(f"Your code returned a value the grader cannot read: {message}",
                 f"코드가 채점기가 읽을 수 없는 값을 반환했습니다: {message}")
    return T(f"Your code raised {kind}: {message}", f"코드에서 {kind} 예외가 발생했습니다: {message}")


def import_error_text(info: dict) -> Text:
    if info.get("copied"):
        return T(f"Your module imports {info['copied']} (the reference solution or the checks): "
                 "this exercise scores 0.",
                 f"모듈이 {info['copied']}(참조 답안 또는 채점 코드)을(를) 가져옵니다. 이 실습은 0점입니다.")
    if info.get("type") in ("SyntaxError", "IndentationError", "TabError"):
        where = f"{Path(info.get('filename') or '?').name}, line {info.get('lineno')}"
        where_ko = f"{Path(info.get('filename') or '?').name}, {info.get('lineno')}번째 줄"
        text = info.get("text") or ""
        return T(f"Syntax error in {where}: {info.get('msg')}\n    {text}",
                 f"문법 오류 ({where_ko}): {info.get('msg')}\n    {text}")
    if info.get("type") == "SystemExit":
        return T("Your module called sys.exit() while it was being imported.",
                 "모듈을 불러오는 동안 sys.exit()가 호출되었습니다.")
    return T(f"Your module could not be imported: {info.get('type')}: {info.get('message')}",
             f"모듈을 불러올 수 없습니다: {info.get('type')}: {info.get('message')}")


def error_hint(info: dict) -> Text | None:
    kind, message = info.get("type"), info.get("message", "")
    if info.get("refused"):
        return T(f"Graded code may read only its own folder and Python's libraries, and write only in its "
                 f"working folder (the current directory); {info['refused']} is outside them.",
                 f"채점되는 코드는 자기 폴더와 파이썬 라이브러리만 읽고, 작업 폴더(현재 폴더)에만 쓸 수 있습니다. "
                 f"{info['refused']}은(는) 그 밖에 있습니다.")
    if kind == "AttributeError" and "module 'numpy' has no attribute 'int'" in message:
        return T("np.int no longer exists in NumPy: use int or np.int64.",
                 "np.int는 최신 NumPy에 없습니다. int나 np.int64를 쓰세요.")
    missing = re.search(r"has no attribute '(\w+)'", message) if kind == "AttributeError" else None
    if missing and message.startswith("module "):
        name = missing.group(1)
        return T(f"{name} is missing: keep the function and class names of the stub exactly.",
                 f"{name}이(가) 없습니다. 실습 파일의 함수와 클래스 이름을 그대로 유지하세요.")
    if kind == "MemoryError":
        return T("Your code hit the worker's memory limit: is an array much larger than it should be?",
                 "메모리 제한을 넘었습니다. 배열이 필요 이상으로 크지 않은지 확인하세요.")
    if kind in ("SyntaxError", "IndentationError", "TabError"):
        return T("Fix the line shown; Python stops reading the file at the first syntax error.",
                 "표시된 줄을 고치세요. 파이썬은 첫 번째 문법 오류에서 파일 읽기를 멈춥니다.")
    return None
