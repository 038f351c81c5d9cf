"""Writing files that others read back: whole or not at all, never through a link.

The one implementation lives in :mod:`dataset._files` (the MNIST loader must work without
the grader, so the grader borrows it, not the other way round).
"""
from __future__ import annotations

import json
from pathlib import Path

from dataset._files import write_atomic as _write_through


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never half.

    The new content goes to a private temporary file in the same folder, which then
    replaces ``path``: a link at ``path`` is replaced, never followed.  The file ends up
    readable by all (0644), as files written the ordinary way are.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _write_through(path, lambda out: out.write(payload), prefix=f".{path.name}.", suffix=".tmp")


def write_json(path: Path, data, *, indent: int | None = 2) -> None:
    """``data`` as UTF-8 JSON (Korean kept readable), written with :func:`write_atomic`."""
    separators = None if indent is not None else (",", ":")
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=indent, separators=separators))
