"""What the grader accepts of a worker's description of an error: checked once, here.

Learner code runs in the worker and can replace the worker's own code, so every field of a
reply is the learner's word.  :func:`error_info` keeps only fields of the expected types and
sizes (anything else is dropped or replaced), so that no reply can crash the grader, make it
open files the learner names, or put control characters on a screen; :func:`note` does the
same for a one-line text.
"""
from __future__ import annotations

import re

MAX_TEXT = 2000  # characters of a message
MAX_SHORT = 200  # characters of a name, a path or a source line
MAX_FRAMES = 20
#: Characters that act on a terminal instead of showing (ESC, BEL, CR, ...) or that reorder or hide
#: text (right-to-left overrides, zero-width marks, line separators): shown as escapes, never kept.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(value: str) -> str:
    """``value`` with every character of :data:`_CONTROL` written as an escape (``\\x1b``, ``\\u202e``)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", value)


_TEXT_FIELDS = {"type": MAX_SHORT, "module": MAX_SHORT, "message": MAX_TEXT, "copied": MAX_SHORT,
                "refused": MAX_SHORT, "hung": MAX_SHORT, "filename": MAX_SHORT, "text": MAX_SHORT, "msg": MAX_TEXT}
_INT_FIELDS = ("lineno", "offset")


def text(value, limit: int = MAX_TEXT) -> str:
    """``value`` as a string of at most ``limit`` characters, control characters shown, not kept."""
    if not isinstance(value, str):
        value = "" if value is None else str(type(value).__name__)
    return shown(value[:limit])


def note(value, limit: int = MAX_SHORT) -> str:
    """A one-line text from the worker (its confinement summary), safe to print."""
    return text(value, limit).replace("\n", " ")


def _frame(raw) -> list | None:
    if not isinstance(raw, (list, tuple)) or len(raw) != 4:
        return None
    filename, lineno, function, line = raw
    if not isinstance(lineno, int) or isinstance(lineno, bool):
        return None
    return [text(filename, MAX_SHORT), lineno, text(function, MAX_SHORT), text(line, MAX_SHORT)]


def error_info(raw) -> dict:
    """The error description a worker sent, with every field checked (see the module's docstring)."""
    if not isinstance(raw, dict):
        raw = {"type": "UnreadableReply", "message": "your code's process sent back an unreadable error"}
    info: dict = {"type": "", "module": "", "message": "", "frames": [], "not_implemented": False}
    for key, limit in _TEXT_FIELDS.items():
        if key in raw and raw[key] is not None:
            info[key] = text(raw[key], limit)
    for key in _INT_FIELDS:
        value = raw.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            info[key] = value
    frames = raw.get("frames")
    if isinstance(frames, (list, tuple)):
        info["frames"] = [f for f in map(_frame, list(frames)[-MAX_FRAMES:]) if f is not None]
    info["not_implemented"] = raw.get("not_implemented") is True
    return info
