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
the block ends.
"""
from __future__ import annotations

import contextlib
import sys
import time

from grader.i18n import Text, detect_language

REFRESH_PER_SECOND = 4


def _terminal():
    """The real standard error if it is a terminal, else None."""
    stream = sys.__stderr__
    try:
        return stream if stream is not None and stream.isatty() else None
    except (AttributeError, ValueError, OSError):  # closed or replaced by something odd
        return None


class _Elapsed:
    """A spinner whose text carries the seconds elapsed since the block started."""

    def __init__(self, label: str, lang: str):
        from rich.spinner import Spinner

        self.label = label
        self.unit = "초" if lang == "ko" else "s"
        self.start = time.monotonic()
        self.spinner = Spinner("dots", text=label, style="cyan")

    def __rich__(self):
        seconds = time.monotonic() - self.start
        self.spinner.update(text=f"{self.label}  {seconds:.0f} {self.unit}")
        return self.spinner


def _capture_suspended(config):
    """pytest's output capture switched off for the block (a no-op outside pytest)."""
    try:
        capman = config.pluginmanager.getplugin("capturemanager")
    except AttributeError:  # no config, or a stand-in without a plugin manager (notebooks)
        capman = None
    return capman.global_and_fixture_disabled() if capman is not None else contextlib.nullcontext()


@contextlib.contextmanager
def working(text: Text | str, lang: str | None = None, *, config=None):
    """Show ``text`` with a spinner and the elapsed time on the terminal while the block runs.

    ``config`` is pytest's config (``request.config``): its output capture is suspended
    while the block runs so that the terminal can be reached at all.
    """
    with _capture_suspended(config):
        with _display(text, lang):
            yield


@contextlib.contextmanager
def _display(text: Text | str, lang: str | None):
    stream = _terminal()
    if stream is None:
        yield
        return
    lang = lang or detect_language()
    label = text.render(lang) if isinstance(text, Text) else str(text)
    try:
        from rich.console import Console
        from rich.live import Live

        live = Live(_Elapsed(label, lang), console=Console(file=stream, highlight=False),
                    refresh_per_second=REFRESH_PER_SECOND, transient=True,
                    redirect_stdout=False, redirect_stderr=False)  # leave the grader's buffers alone
        live.start()
    except Exception:  # a display problem must never cost the learner a check
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            live.stop()
