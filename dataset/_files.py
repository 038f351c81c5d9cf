"""Writing files all at once or not at all, for the downloads and the cache.

요약: 내려받은 파일과 캐시를 원자적으로(전부 아니면 전무) 쓰는 도우미.

Used by :mod:`dataset.mnist` and, through :mod:`grader.files`, by the grader (the loader
must not depend on the grader, so the one implementation lives here).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

T = TypeVar("T")


class TempFileError(OSError):
    """The temporary file could not be created in the destination folder."""


def write_atomic(
    path: Path,
    write: Callable[[BinaryIO], object],
    *,
    prefix: str,
    suffix: str,
    check: Callable[[Path], T] | None = None,
) -> T | None:
    """Write ``path`` through a temporary file renamed into place; return ``check``'s result.

    ``write(out)`` fills a temporary file ``<prefix>XXXX<suffix>`` in the folder of
    ``path``; it is flushed to disk, then ``check(temp_path)``, if given, may read it
    and raise to reject it.  Only then is the file made readable by all (0o644) and
    renamed to ``path``, so ``path`` never holds partial or unchecked content.  On
    any error the temporary file is removed and the error propagates; if the
    temporary file cannot be created at all, :class:`TempFileError` is raised.
    """
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=suffix)
    except OSError as exc:
        raise TempFileError(exc.errno, exc.strerror, exc.filename) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        result = check(tmp) if check is not None else None
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        return result
    finally:
        with contextlib.suppress(OSError):  # gone already once it has been renamed
            tmp.unlink()

