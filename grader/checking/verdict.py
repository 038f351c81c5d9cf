"""Turning what went wrong in a check into a verdict: a status, a message and (maybe) a hint.

Used by the pytest plugin for every failed check and by the notebook runner, so that a
failure reads the same under ``grade`` and in a notebook.  A learner's exception reaches
here either as it was raised (:class:`LearnerError`) or already described by a check
(:class:`CheckFailed` with ``error``, see :func:`grader.checking.check.learner_failed`):
both keep the learner's own frames, which the report shows in one format.

A set-up problem (MNIST missing on this machine) is never the learner's mistake: it has
its own message (:func:`setup_text`), whichever side of the pipe it was raised on.
"""
from __future__ import annotations

import contextlib
import re
from pathlib import Path

from grader.checking import learner_code
from grader.checking.check import CheckFailed
from grader.i18n import T, Text, josa, plain
from grader.results import CheckResult, Frame
from grader.sandbox.process import LearnerCrashed, LearnerError, LearnerImportError, LearnerTimeout


class LearnerMissing(Exception):
    """The learner's module file does not exist."""


class LearnerCopied(Exception):
    """The learner's code uses the reference solution or the checks (named by the exception)."""


def _frames(info: dict) -> list[Frame]:
    return [Frame(*frame) for frame in info.get("frames", [])]


# ---------------------------------------------------------------------------- the verdict
def classify(result: CheckResult, exc: BaseException | None) -> None:
    """Turn what went wrong into a status, a message and (maybe) a hint."""
    result.status = "failed"
    for kinds, describe in _CLASSIFIERS:
        if isinstance(exc, kinds):
            describe(result, exc)
            return
    if _is_mnist_error(exc):
        _setup_problem(result, {"type": "MNISTError", "message": str(exc)})
    elif isinstance(exc, AssertionError):
        result.message = plain(str(exc) or "assertion failed")
    else:
        result.status = "error"
        said = str(exc)
        for en, ko in _GRADER_SIDE.items():
            if said.startswith(en):
                said = ko + said[len(en):]
        result.message = T(f"The grader could not run this check ({type(exc).__name__}: {exc})",
                           f"채점기가 이 검사를 실행하지 못했습니다 ({type(exc).__name__}: {said})")


def _check_failed(result: CheckResult, exc: CheckFailed) -> None:
    result.message, result.hint = exc.message, exc.hint
    if exc.error is not None:  # an exception of the learner's code, described by the check
        result.status = "error"
        result.frames = _frames(exc.error)


def _learner_error(result: CheckResult, exc: LearnerError) -> None:
    info = exc.info
    result.frames = _frames(info)
    if exc.not_implemented:
        _not_started(result, info)
    elif is_setup_problem(info):
        _setup_problem(result, info)
    else:
        result.status = "error"
        result.message = error_text(info)
        result.hint = error_hint(info)


def _timeout(result: CheckResult, exc: LearnerTimeout) -> None:
    result.status = "timeout"
    what = _doing(exc.what)
    if getattr(exc, "cause", None):  # it called a function that hung before (see sandbox.known_hangs)
        result.message = T(f"{what.en} calls {exc.cause}, which ran out of its {exc.earlier:g} s limit before "
                           f"and did not finish within {exc.seconds:g} s of CPU time here either",
                           f"{what.ko}에서 호출하는 {josa(exc.cause, '은')} 앞에서 제한 시간 {exc.earlier:g}초를 넘겼고, "
                           f"여기서도 CPU 시간 {exc.seconds:g}초 안에 끝나지 않았습니다")
    else:
        result.message = T(f"{what.en} did not finish within the {exc.seconds:g} s limit",
                           f"{josa(what.ko, '이')} 제한 시간 {exc.seconds:g}초 안에 끝나지 않았습니다")
    result.hint = T("Look for a loop that never ends (a `while` whose condition never changes).",
                    "끝나지 않는 반복문이 있는지 확인하세요(조건이 바뀌지 않는 `while` 등).")
    if getattr(exc, "cause", None):  # the loop is in the function it calls: that is what to fix
        result.hint = T(f"Fix {exc.cause} first: {what.en} only calls it. Look in {exc.cause} for a loop that "
                        "never ends (a `while` whose condition never changes).",
                        f"{exc.cause}부터 고치세요. {josa(what.ko, '은')} 그것을 호출할 뿐입니다. {exc.cause} 안에 끝나지 않는 "
                        "반복문이 있는지 확인하세요(조건이 바뀌지 않는 `while` 등).")


def _doing(what: str) -> Text:
    """What the worker was doing (a call, the same in both languages, or importing the module)."""
    if what.startswith("importing "):
        name = what[len("importing "):]
        return T(f"Importing {name}", f"{name} 불러오기")
    return plain(what)


_GRADER_SIDE = {  # the worker side's own words, in Korean
    "the grader cannot send this argument to your code: ": "채점기가 이 인수를 여러분의 코드로 보낼 수 없습니다: ",
}


def _crashed(result: CheckResult, exc: LearnerCrashed) -> None:
    result.status = "error"
    result.message = T(f"Your code crashed: {exc.text.en}", f"코드가 비정상 종료되었습니다: {exc.text.ko}")
    if exc.memory:
        result.hint = T("Your code hit the memory limit: is an array much larger than it should be?",
                        "메모리 제한을 넘었습니다. 배열이 필요 이상으로 크지 않은지 확인하세요.")
    if exc.output.strip():
        result.output = exc.output[-2000:]


def _import_error(result: CheckResult, exc: LearnerImportError) -> None:
    result.status = "error"
    result.frames = [] if exc.info.get("copied") else _frames(exc.info)
    if is_setup_problem(exc.info):
        _setup_problem(result, exc.info)
        return
    result.message = import_error_text(exc.info)
    result.hint = error_hint(exc.info)


def _missing(result: CheckResult, exc: LearnerMissing) -> None:
    result.status = "error"
    result.message = T(f"File not found: {exc}", f"파일을 찾을 수 없습니다: {exc}")


def _copied(result: CheckResult, exc: LearnerCopied) -> None:
    result.status = "error"
    result.message = T(f"Your module imports {exc} (the reference solution or the checks): this exercise scores 0.",
                       f"모듈이 {exc}(참조 답안 또는 채점 코드)를 가져옵니다. 이 실습은 0점입니다.")


_CLASSIFIERS = ((CheckFailed, _check_failed), (LearnerError, _learner_error), (LearnerTimeout, _timeout),
                (LearnerCrashed, _crashed), (LearnerImportError, _import_error), (LearnerMissing, _missing),
                (LearnerCopied, _copied))


# ---------------------------------------------------------------------------- not started
def raising_function(info: dict) -> str | None:
    """The learner's function that raised (its qualified name, "Relu.forward", when the source says it)."""
    frames = info.get("frames") or []
    if not frames:
        return None
    filename, lineno, function, _ = frames[-1]
    # the learner's own module only: a frame's file name is the learner's word, and naming the
    # grader's files here would map their functions line by line
    current = learner_code.CURRENT.get()
    own = current is not None and Path(str(filename)).resolve() == Path(current).resolve()
    code = learner_code.source(current) if own else None
    found = code.qualname_at(lineno) if code is not None else None
    return found if found and found != "<module>" else function


def _not_started(result: CheckResult, info: dict) -> None:
    result.not_started = True
    name = raising_function(info)
    frames = info.get("frames") or []
    if name is None:
        result.message = T("not started: this function still raises NotImplementedError",
                           "아직 시작하지 않음: 이 함수는 아직 NotImplementedError를 발생시킵니다")
        result.hint = T("Replace `raise NotImplementedError` with your code (see the TODO).",
                        "TODO를 보고 `raise NotImplementedError`를 여러분의 코드로 바꾸세요.")
        return
    result.waiting_on = name
    result.message = T(f"not started: {name} still raises NotImplementedError",
                       f"아직 시작하지 않음: {josa(name, '은')} 아직 NotImplementedError를 발생시킵니다")
    caller = frames[0][2] if frames else None
    if caller and caller not in (name, name.rpartition(".")[2], "<module>"):
        result.message += T(f" ({caller}, which this check calls, uses it)",
                            f" (이 검사가 호출하는 {josa(caller, '이')} 그것을 사용합니다)")
    result.hint = T(f"Replace `raise NotImplementedError` in {name} with your code (see its TODO).",
                    f"{name}의 TODO를 보고 `raise NotImplementedError`를 여러분의 코드로 바꾸세요.")


# ---------------------------------------------------------------------------- set-up problems (MNIST)
def _is_mnist_error(exc) -> bool:
    return type(exc).__name__ == "MNISTError" and type(exc).__module__.startswith("dataset")


def is_setup_problem(info: dict) -> bool:
    """Is the learner's exception ``info`` a set-up problem of this machine (not the learner's mistake)?"""
    return info.get("type") == "MNISTError"


def _setup_problem(result: CheckResult, info: dict) -> None:
    result.status = "error"
    result.message, result.hint = setup_text(info)


_MNIST_CAUSES = (  # (pattern in the loader's message, the cause in Korean; {0}: the pattern's first group,
    # {0:이}: that group with the particle that fits it)
    (r"no MNIST mirror could be reached", "MNIST 파일을 내려받지 못했습니다(인터넷에 연결되어 있지 않은 것 같습니다)"),
    (r"Could not download", "MNIST 파일을 내려받지 못했습니다"),
    (r"^(.*?) is not a folder", "{0:은} 폴더가 아닙니다"),
    (r"^(.*?) does not contain", "{0}에 MNIST 파일 네 개가 모두 있지는 않습니다"),
    (r"MNIST file (.*?) (is not valid|cannot be read)", "MNIST 파일 {0:이} 손상되었거나 읽을 수 없습니다"),
    (r"Cannot (write to|create) the download folder", "MNIST를 내려받을 폴더에 쓸 수 없습니다"),
    (r"images but", "MNIST 파일들의 이미지 수와 레이블 수가 맞지 않습니다"),
)


class _Word(str):
    """A word that a format spec gives its particle: ``"{0:이}".format(_Word("x"))`` is "x가"."""

    def __format__(self, spec: str) -> str:
        return josa(str(self), spec) if spec else str(self)


def setup_text(info: dict) -> tuple[Text, Text]:
    """The message and hint for MNIST missing here: once, short, in the learner's language."""
    detail = str(info.get("message") or "").strip()
    first = re.split(r"(?<=[.?!])\s|\n", detail, maxsplit=1)[0].strip() if detail else ""
    first = first if len(first) <= 300 else first[:297] + "..."
    cause = "MNIST를 불러오지 못했습니다"
    for pattern, korean in _MNIST_CAUSES:
        found = re.search(pattern, detail)
        if found:
            cause = korean.format(*(_Word(group) for group in found.groups()))
            break
    message = T("MNIST is not available here, so this check could not run. This is not a mistake in your code.",
                "이 컴퓨터에서는 MNIST를 쓸 수 없어 이 검사를 실행하지 못했습니다. 여러분의 코드 문제가 아닙니다.")
    hint = T(f"MNIST is not available here: {first or 'the loader failed.'} Run `python -m dataset.mnist` once on "
             "a computer that is online (it downloads the four MNIST files and keeps them), or set the environment "
             "variable MNIST_DIR to a folder that holds them; then grade again.",
             f"이 컴퓨터에서는 MNIST를 쓸 수 없습니다: {cause}. 인터넷에 연결된 컴퓨터에서 `python -m dataset.mnist`를 "
             "한 번 실행하거나(MNIST 파일 네 개를 내려받아 보관합니다), 그 파일들이 있는 폴더를 환경 변수 MNIST_DIR로 "
             "지정한 뒤 다시 채점하세요.")
    return message, hint


def _setup_error(exc: BaseException) -> bool:
    """Is ``exc`` a problem of this machine (MNIST missing), raised here or in the worker?"""
    if isinstance(exc, (LearnerError, LearnerImportError, CheckFailed)):
        info = exc.error if isinstance(exc, CheckFailed) else exc.info
        return is_setup_problem(info or {})
    return _is_mnist_error(exc)


@contextlib.contextmanager
def set_up(learner, *functions: str):
    """Preparing a check's inputs (loading MNIST).  A set-up problem of this machine propagates, to be
    reported as one (never as the learner's mistake), except while every function the check is about
    is still the untouched stub: then the check is "not started", as it would be with MNIST at hand."""
    try:
        yield
    except Exception as exc:
        if not _setup_error(exc):
            raise
        stub = _untouched(learner, functions)
        if stub is None:
            raise
        raise LearnerError(stub) from None


def _untouched(learner, functions) -> dict | None:
    """The worker's kind of report of a NotImplementedError raised by the first of ``functions``, if all
    of them are untouched stubs in the learner's source (None when they are not, or it is unreadable)."""
    path = learner_code.module_path(learner)
    code = learner_code.source(path)
    if code is None or not functions or not all(code.is_stub(name) for name in functions):
        return None
    where = code.stub_raise(functions[0])
    frames = [[str(path), where[0], functions[0].rpartition(".")[2], where[1]]] if where else []
    return {"type": "NotImplementedError", "message": "", "frames": frames, "not_implemented": True}


# ---------------------------------------------------------------------------- describing an exception
def error_text(info: dict, what: "str | Text | None" = None) -> Text:
    """What the learner's exception ``info`` was; ``what`` names the call that raised it."""
    kind, message = info.get("type"), info.get("message", "")
    if info.get("copied"):
        return T(f"Your code tried to read {info['copied']} (the reference solution or the checks).",
                 f"코드가 {info['copied']}(참조 답안 또는 채점 코드)를 읽으려 했습니다.")
    if kind == "SystemExit":
        return T(f"Your code called sys.exit() ({message}).", f"코드가 sys.exit()를 호출했습니다 ({message}).")
    if kind == "UnsendableValue":
        return T(f"Your code returned a value the grader cannot read: {message}",
                 f"코드가 채점기가 읽을 수 없는 값을 반환했습니다: {message}")
    if what:
        what = what if isinstance(what, Text) else plain(what)
        return T(f"{what.en} raised {kind}: {message}", f"{what.ko}에서 {kind} 예외가 발생했습니다: {message}")
    return T(f"Your code raised {kind}: {message}", f"코드에서 {kind} 예외가 발생했습니다: {message}")


def import_error_text(info: dict) -> Text:
    if info.get("copied"):
        return T(f"Your module imports {info['copied']} (the reference solution or the checks): "
                 "this exercise scores 0.",
                 f"모듈이 {info['copied']}(참조 답안 또는 채점 코드)를 가져옵니다. 이 실습은 0점입니다.")
    if info.get("type") in ("SyntaxError", "IndentationError", "TabError"):
        where = f"{Path(info.get('filename') or '?').name}, line {info.get('lineno')}"
        where_ko = f"{Path(info.get('filename') or '?').name}, {info.get('lineno')}번째 줄"
        text = info.get("text") or ""
        return T(f"Syntax error in {where}: {info.get('msg')}\n    {text}",
                 f"문법 오류 ({where_ko}): {syntax_message_ko(str(info.get('msg') or ''))}\n    {text}")
    if info.get("type") == "SystemExit":
        return T("Your module called sys.exit() while it was being imported.",
                 "모듈을 불러오는 동안 sys.exit()가 호출되었습니다.")
    return T(f"Your module could not be imported: {info.get('type')}: {info.get('message')}",
             f"모듈을 불러올 수 없습니다: {info.get('type')}: {info.get('message')}")


_SYNTAX_KO = (  # Python's words for a syntax error, in Korean
    (r"invalid syntax\. Perhaps you forgot a comma\?", "잘못된 문법입니다. 쉼표를 빠뜨리지 않았나요?"),
    (r"invalid syntax\. Maybe you meant '==' or ':=' instead of '='\?",
     "잘못된 문법입니다. '=' 대신 '=='(비교)를 쓰려던 것 아닌가요?"),
    (r"invalid syntax", "잘못된 문법입니다"),
    (r"expected '([^']+)'", "{0:기호} 있어야 합니다"),
    (r"'(.+)' was never closed", "'{0}' 괄호가 닫히지 않았습니다"),
    (r"unmatched '(.+)'", "짝이 맞지 않는 '{0}' 괄호가 있습니다"),
    (r"expected an indented block after (.+) on line (\d+)", "{1}번째 줄 뒤에 들여쓴 블록이 있어야 합니다"),
    (r"unindent does not match any outer indentation level", "들여쓰기가 바깥 줄들의 들여쓰기와 맞지 않습니다"),
    (r"unexpected indent", "들여쓰기가 필요 없는 곳에 들여쓰기가 있습니다"),
    (r"inconsistent use of tabs and spaces in indentation", "들여쓰기에 탭과 공백이 섞여 있습니다"),
    (r"unterminated string literal \(detected at line (\d+)\)", "{0}번째 줄에서 문자열이 닫히지 않았습니다"),
    (r"unterminated triple-quoted string literal \(detected at line (\d+)\)",
     "{0}번째 줄까지 세 따옴표 문자열이 닫히지 않았습니다"),
    (r"Missing parentheses in call to 'print'\. Did you mean print\(\.\.\.\)\?",
     "print 호출에 괄호가 없습니다. print(...)로 쓰세요"),
    (r"'return' outside function", "함수 밖에 return이 있습니다"),
)


def syntax_message_ko(message: str) -> str:
    """Python's message for a syntax error in Korean (as Python wrote it when it is not a known one)."""
    for pattern, korean in _SYNTAX_KO:
        found = re.fullmatch(pattern, message)
        if found:
            return korean.format(*(_Symbol(group) for group in found.groups()))
    return message


class _Symbol(str):
    """``"{0:기호}"``: a symbol or a keyword named with its kind and particle ("':' 기호가", "'in' 키워드가")."""

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        return f"'{self}' " + ("키워드가" if str(self).isidentifier() else "기호가")


def error_hint(info: dict) -> Text | None:
    """The cause that the exception itself names, if any (checks may know a likelier one otherwise)."""
    kind, message = info.get("type"), info.get("message", "")
    if info.get("refused"):
        return T(f"Graded code may read only its own folder and Python's libraries, and write only in its "
                 f"working folder (the current directory); {info['refused']} is outside them.",
                 f"채점되는 코드는 자기 폴더와 파이썬 라이브러리만 읽고, 작업 폴더(현재 폴더)에만 쓸 수 있습니다. "
                 f"{josa(info['refused'], '은')} 그 밖에 있습니다.")
    for hint in (_numpy_hint, _name_hint, _input_hint):
        found = hint(kind, message, _line(info))
        if found is not None:
            return found
    if kind == "MemoryError":
        return T("Your code hit the worker's memory limit: is an array much larger than it should be?",
                 "메모리 제한을 넘었습니다. 배열이 필요 이상으로 크지 않은지 확인하세요.")
    if kind in ("SyntaxError", "IndentationError", "TabError"):
        return T("Fix the line shown; Python stops reading the file at the first syntax error.",
                 "표시된 줄을 고치세요. 파이썬은 첫 번째 문법 오류에서 파일 읽기를 멈춥니다.")
    return None


def _line(info: dict) -> str:
    """The learner's source line where the exception was raised ("" when unknown)."""
    frames = info.get("frames") or []
    return str(frames[-1][3] or "") if frames else ""


_MAX_ZERO = re.compile(r"(?<![\w.])((?:np|numpy)\.)?(max|amax)\(\s*0(?:\.0*)?\s*,")
_MATH_CALL = re.compile(r"\bmath\.(\w+)\s*\(")
_SCALAR_ONLY = ("arrays can be converted to Python scalars", "must be real number")


def _numpy_hint(kind, message: str, line: str) -> Text | None:
    """Python's one-number functions given arrays, np.max for np.maximum, and NumPy names that are gone."""
    if kind == "AttributeError" and "module 'numpy' has no attribute 'int'" in message:
        return T("np.int no longer exists in NumPy: use int or np.int64.",
                 "np.int는 최신 NumPy에 없습니다. int나 np.int64를 쓰세요.")
    maximum = _MAX_ZERO.search(line)
    if maximum and kind in ("TypeError", "ValueError", "AxisError"):
        if maximum.group(1):
            return T(f"{maximum.group(0)} x) is not relu: np.max gives the largest element of ONE array, and its second "
                     "argument is an axis, so x is taken as an axis. The element-wise maximum of 0 and x is "
                     "np.maximum(0, x).",
                     f"{maximum.group(0)} x)는 렐루 함수가 아닙니다. np.max는 배열 하나의 가장 큰 원소를 구하고 두 번째 "
                     "인수는 축(axis)이라서 x가 축으로 해석됩니다. 0과 x의 원소별 최댓값은 np.maximum(0, x)입니다.")
        return T("Python's max(0, x) compares 0 with the whole array at once. The element-wise maximum of 0 and x "
                 "is np.maximum(0, x).",
                 "파이썬의 max(0, x)는 0과 배열 전체를 한 번에 비교합니다. 0과 x의 원소별 최댓값은 "
                 "np.maximum(0, x)입니다.")
    if kind == "TypeError" and any(part in message for part in _SCALAR_ONLY):
        used = _MATH_CALL.search(line)
        if used:
            name = used.group(1)
            numpy = {"fabs": "abs", "pow": "power", "log10": "log10"}.get(name, name)
            return T(f"math.{name} works on one number only, and here it was given a NumPy array: use np.{numpy}, "
                     "which works element by element on whole arrays.",
                     f"math.{josa(name, '은')} 숫자 하나에만 쓸 수 있는데 여기서는 NumPy 배열을 받았습니다. 배열 전체에 "
                     f"원소별로 동작하는 np.{josa(numpy, '을')} 쓰세요.")
        return T("A NumPy array was used where Python expects one number (math functions, float(x), int(x), ...): "
                 "use NumPy's functions (np.exp, np.log, x.astype(float), ...), which work on whole arrays.",
                 "파이썬이 숫자 하나를 기대하는 곳(math 함수, float(x), int(x) 등)에 NumPy 배열을 넣었습니다. 배열 "
                 "전체에 동작하는 NumPy 함수(np.exp, np.log, x.astype(float) 등)를 쓰세요.")
    return None


_IMPORTS = {"np": "import numpy as np", "numpy": "import numpy as np", "plt": "import matplotlib.pyplot as plt",
            "math": "import math", "pickle": "import pickle", "Figure": "from matplotlib.figure import Figure"}


def _name_hint(kind, message: str, line: str) -> Text | None:
    """A missing import, or a stub's name changed."""
    if kind == "NameError":
        name = re.search(r"name '(\w+)' is not defined", message)
        if name and name.group(1) in _IMPORTS:
            statement = _IMPORTS[name.group(1)]
            return T(f"{name.group(1)} is not defined: your file needs `{statement}` at the top, before the "
                     "functions that use it.",
                     f"{josa(name.group(1), '이')} 정의되지 않았습니다. 파일 맨 위(사용하는 함수보다 앞)에 "
                     f"`{statement}`가 있어야 합니다.")
        return None
    missing = re.search(r"has no attribute '(\w+)'", message) if kind == "AttributeError" else None
    if missing and message.startswith("module "):
        name = missing.group(1)
        return T(f"{name} is missing: keep the function and class names of the stub exactly.",
                 f"{josa(name, '이')} 없습니다. 실습 파일의 함수와 클래스 이름을 그대로 유지하세요.")
    return None


def _input_hint(kind, message: str, line: str) -> Text | None:
    """input() in graded code: the worker has no keyboard."""
    if kind == "EOFError" and ("EOF when reading a line" in message or "input(" in line):
        return T("input() waits for someone to type, but graded code has no keyboard: its standard input is "
                 "closed, so input() fails. Remove the input() calls: give the values directly, or take them as "
                 "the function's arguments.",
                 "input()은 누군가 입력하기를 기다리지만 채점되는 코드에는 키보드가 없습니다. 표준 입력이 닫혀 있어서 "
                 "input()이 실패합니다. input() 호출을 지우고 값을 직접 쓰거나 함수의 인수로 받으세요.")
    return None
