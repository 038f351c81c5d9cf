"""The cache of parsed MNIST arrays (``dataset/mnist.npz``).

요약: 한 번 읽은 MNIST 배열을 npz 파일로 캐시하고, 검증된 캐시만 다시 사용합니다.

Private helper of :mod:`dataset.mnist`, which decides where the cache goes.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from dataset._files import write_atomic
from dataset._idx import IMG_SIZE, KEY_FILE, content_sha256

_CACHE_FORMAT = 1


def user_cache_dir() -> Path:
    """The per-user cache folder: ``$XDG_CACHE_HOME/dlscratch-mnist`` or ``~/.cache/...``."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory can be determined
            base = tempfile.gettempdir()
    return Path(base) / "dlscratch-mnist"


def read_cache(path: Path, checksums: Mapping[str, str]) -> dict[str, np.ndarray] | None:
    """The arrays in the cache at ``path``, or None if it is missing or not current.

    The cache is only used if it was built from ``checksums`` and its arrays, put
    back into IDX form, still have exactly those checksums.
    """
    if not path.is_file():
        return None
    expected_keys = set(KEY_FILE) | {"sha256", "format"}
    try:
        with np.load(path, allow_pickle=False) as npz:
            if set(npz.files) != expected_keys:
                return None
            if npz["format"].shape != () or int(npz["format"]) != _CACHE_FORMAT:
                return None
            recorded = npz["sha256"]
            wanted = [checksums[name] for name in KEY_FILE.values()]
            if recorded.shape != (len(wanted),) or [str(s) for s in recorded] != wanted:
                return None
            arrays = {key: npz[key] for key in KEY_FILE}
    except Exception:  # any read problem (bad zip, bad CRC, bad header...) = unusable
        return None

    for key, name in KEY_FILE.items():
        array = arrays[key]
        ndim = 2 if key.endswith("img") else 1
        if array.dtype != np.uint8 or array.ndim != ndim:
            return None
        if ndim == 2 and array.shape[1] != IMG_SIZE:
            return None
        if content_sha256(name, array) != checksums[name]:
            return None
    if any(len(arrays[f"{s}_img"]) != len(arrays[f"{s}_label"]) for s in ("train", "test")):
        return None
    return arrays


def write_cache(
    arrays: Mapping[str, np.ndarray], checksums: Mapping[str, str], candidates: Iterable[Path]
) -> Path | None:
    """Atomically write the cache to the first writable candidate; return its path."""
    candidates = list(candidates)
    sha = np.array([checksums[name] for name in KEY_FILE.values()])

    def write(out) -> None:
        np.savez(out, sha256=sha, format=np.array(_CACHE_FORMAT), **arrays)

    for path in candidates:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # The ".npz" suffix keeps a stray temp file covered by ignore rules.
            write_atomic(path, write, prefix=f".{path.stem}-", suffix=".tmp.npz")
            return path
        except OSError:
            continue  # try the next candidate
    warnings.warn(
        "Could not write the MNIST cache to "
        + " or ".join(str(p) for p in candidates)
        + "; the files will be parsed again next time.",
        RuntimeWarning,
        stacklevel=3,
    )
    return None
