"""A live "still working" display for checks that take a while (training a network).

While pytest runs, the grader redirects ``sys.stdout`` and ``sys.stderr`` into a
buffer, and pytest itself captures the file descriptors 1 and 2.  Given pytest's
``config``, :func:`working` suspends that capture for the block, so the display
goes to the real terminal, ``sys.__stderr__``, and only if that is a terminal (a
TTY).  Anywhere else (CI logs, pipes, nbgrader, Gradescope) it shows nothing::

    from grader.render.progress import working

    with working(T("Training your network", "신경망 학습 중"), config=request.config):
        history = learner.train(...)

The line shows a spinner, the text and the elapsed seconds, and disappears when
the block ends.  ``status`` (a function giving a text, or None) adds to it: for a
training run, what grader.sandbox.proxy.TrainingMonitor reports from inside the learner's process
(:func:`training_status`: iteration, loss, accuracy, time left).

``grade --show-output`` shows what learner code prints as it comes
(:func:`show_learner_output`): above the display while one runs, else on standard error.
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading
import time

from grader.i18n import T, Text, detect_language

REFRESH_PER_SECOND = 4
STATUS_EVERY = 0.5  # seconds between two looks at a training run's progress
ECHO_LIMIT = 1024 * 1024  # characters of learner output shown by --show-output; the rest is counted
_live = None  # the display on the terminal, while one runs (learner output goes above it)
language: str | None = None  # the report's language when the command chose it (grade --lang), else the locale's


def _terminal():
    """The real standard error if it is a terminal, else None."""
    stream = sys.__stderr__
    try:
        return stream if stream is not None and stream.isatty() else None
    except (AttributeError, ValueError, OSError):  # closed or replaced by something odd
        return None


class _Elapsed:
    """A spinner whose text carries the seconds elapsed since the block started."""

    def __init__(self, label: str, lang: str, status=None):
        from rich.spinner import Spinner

        self.label, self.lang, self.status = label, lang, status
        self.unit = "초" if lang == "ko" else " s"
        self.start = time.monotonic()
        self.spinner = Spinner("dots", text=label, style="cyan")
        self.looked, self.said = 0.0, None

    def __rich__(self):
        now = time.monotonic()
        if self.status is not None and now - self.looked >= STATUS_EVERY:
            self.looked = now
            try:
                self.said = self.status()
            except Exception:  # noqa: BLE001 - a display problem must never cost the learner a check
                self.said = None
        said = f"\n  {self.said}" if self.said else ""  # a line of its own: it never crowds the label out
        self.spinner.update(text=f"{self.label}  {now - self.start:.0f}{self.unit}{said}")
        return self.spinner


def _capture_suspended(config):
    """pytest's output capture switched off for the block (a no-op outside pytest)."""
    try:
        capman = config.pluginmanager.getplugin("capturemanager")
    except AttributeError:  # no config, or a stand-in without a plugin manager (notebooks)
        capman = None
    return capman.global_and_fixture_disabled() if capman is not None else contextlib.nullcontext()


@contextlib.contextmanager
def working(text: Text | str, lang: str | None = None, *, config=None, status=None):
    """Show ``text`` with a spinner and the elapsed time on the terminal while the block runs.

    ``config`` is pytest's config (``request.config``): its output capture is suspended
    while the block runs so that the terminal can be reached at all.  ``status(lang)``, if
    given, is asked now and then for more of the line (a text, or None for nothing yet).
    """
    with _capture_suspended(config):
        with _display(text, lang, status):
            yield


@contextlib.contextmanager
def _display(text: Text | str, lang: str | None, status=None):
    global _live
    stream = _terminal()
    if stream is None:
        yield
        return
    lang = lang or language or detect_language()
    label = text.render(lang) if isinstance(text, Text) else str(text)
    try:
        from rich.console import Console
        from rich.live import Live

        live = Live(_Elapsed(label, lang, status and (lambda: status(lang))),
                    console=Console(file=stream, highlight=False),
                    refresh_per_second=REFRESH_PER_SECOND, transient=True,
                    redirect_stdout=False, redirect_stderr=False)  # leave the grader's buffers alone
        live.start()
    except Exception:  # a display problem must never cost the learner a check
        yield
        return
    _live = live
    try:
        yield
    finally:
        _live = None
        with contextlib.suppress(Exception):
            live.stop()


# ---------------------------------------------------------------------------- --show-output
class _Echo:
    """Shows the lines learner code prints (grader.sandbox.process.echo), marked with its file's name."""

    def __init__(self, stream):
        self.stream, self.shown, self.lock = stream, 0, threading.Lock()

    def __call__(self, name: str, line: str) -> None:
        from rich.text import Text as Rich

        from grader.sandbox import untrusted
        with self.lock:
            if self.shown > ECHO_LIMIT:
                return
            self.shown += len(line) + 1
            if self.shown > ECHO_LIMIT:
                line = T("... (more output of your code is not shown)", "... (코드의 나머지 출력은 보여 주지 않습니다)"
                         ).render(language or detect_language())
            text = Rich.assemble((f"{untrusted.note(name, 80)} │ ", "dim"), untrusted.text(line, 4000))
            live = _live
            if live is not None:  # above the display
                live.console.print(text, highlight=False, markup=False, soft_wrap=True)
            else:
                self.stream.write(text.plain + "\n")
                self.stream.flush()


def show_learner_output(on: bool = True) -> None:
    """``grade --show-output``: show what learner code prints while it is checked (on standard
    error, through a copy of its descriptor: pytest's capture of descriptors 1 and 2 does not reach it)."""
    from grader.sandbox import process
    shown, process.echo = process.echo, None
    if isinstance(shown, _Echo):
        with contextlib.suppress(OSError, ValueError):
            shown.stream.close()
    if not on:
        return
    stream = sys.__stderr__
    try:
        copy = os.fdopen(os.dup(stream.fileno()), "w", encoding=getattr(stream, "encoding", None) or "utf-8",
                         errors="replace")
    except (AttributeError, OSError, ValueError):  # no standard error (pythonw) or an odd one
        return
    process.echo = _Echo(copy)


# ---------------------------------------------------------------------------- a training run's progress
# (counted next to the learner's code by grader.sandbox.proxy.TrainingMonitor)
def training_status(progress: dict | None, total: int, lang: str) -> str | None:
    """"iteration 2,300/10,000 · loss 0.412 · test accuracy 0.912 · about 40 s left" from ``progress``."""
    done = (progress or {}).get("iterations")
    if not done:
        return None
    ko = lang == "ko"
    parts = [f"{'반복' if ko else 'iteration'} {done:,}/{total:,}" if done <= total else
             f"{'반복' if ko else 'iteration'} {done:,}"]
    if "loss" in progress:
        parts.append(f"{'손실' if ko else 'loss'} {progress['loss']:.3f}")
    for key, en, korean in (("test_acc", "test accuracy", "시험 정확도"), ("train_acc", "training accuracy",
                                                                        "훈련 정확도")):
        if key in progress:
            parts.append(f"{korean if ko else en} {progress[key]:.3f}")
            break
    seconds = progress.get("seconds")
    if seconds and done < total:
        left = seconds / done * (total - done)
        parts.append(_left(left, lang))
    return " · ".join(parts)


def _left(seconds: float, lang: str) -> str:
    if seconds >= 90:
        minutes = round(seconds / 60)
        return f"약 {minutes}분 남음" if lang == "ko" else f"about {minutes} min left"
    whole = max(5 * round(seconds / 5), 5) if seconds >= 10 else max(round(seconds), 1)
    return f"약 {whole}초 남음" if lang == "ko" else f"about {whole} s left"
