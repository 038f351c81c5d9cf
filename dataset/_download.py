"""Downloading the four MNIST files from mirrors, with a progress bar and atomic writes.

요약: 공개 미러에서 MNIST 파일을 내려받아(진행 막대 표시) 검증한 뒤에만 저장합니다.

Private helper of :mod:`dataset.mnist`, which passes in its configuration (mirrors,
folders, checksums, timeout) at call time.
"""

from __future__ import annotations

import contextlib
import http.client
import tempfile
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO

import numpy as np

from dataset._files import TempFileError, write_atomic
from dataset._idx import (
    ENV_VAR,
    KEY_FILE,
    InvalidData,
    MNISTError,
    decode_idx,
    file_bytes,
    read_verified,
)

_CHUNK = 1 << 16


def _writable_dir(folder: Path) -> bool:
    """True if files can be created in ``folder`` (creating it if needed)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        return False
    return True


def default_download_dir(download_dir: Path, user_cache_dir: Path) -> Path:
    """``download_dir`` if usable, else a folder under ``user_cache_dir``."""
    folder = Path(download_dir)
    have_all = all((folder / f"{name}.gz").is_file() for name in KEY_FILE.values())
    if have_all or _writable_dir(folder):
        marker = folder / ".gitignore"
        if not marker.exists():
            with contextlib.suppress(OSError):
                marker.write_text("# Downloaded MNIST files; never commit them.\n*\n")
        return folder
    return Path(user_cache_dir) / "download"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return f"cannot connect ({exc.reason})"
    return f"{type(exc).__name__}: {exc}"


def _is_unreachable(exc: BaseException) -> bool:
    """True for errors meaning the server could not be reached at all."""
    if isinstance(exc, urllib.error.HTTPError):
        return False
    return isinstance(exc, (urllib.error.URLError, TimeoutError, ConnectionRefusedError))


def _fetch(url: str, timeout: float, bar, label: str, out: BinaryIO) -> None:
    """Stream ``url`` into ``out``, advancing a progress bar."""
    request = urllib.request.Request(url, headers={"User-Agent": "dlscratch-mnist"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        task = bar.add_task(label, total=total)
        try:
            received = 0
            while chunk := response.read(_CHUNK):
                out.write(chunk)
                received += len(chunk)
                bar.update(task, advance=len(chunk))
            if total is not None and received != total:
                raise ConnectionError(f"connection closed after {received} of {total} bytes")
        except BaseException:
            bar.remove_task(task)  # a failed attempt leaves no half-filled bar behind
            raise


def _download_failed(name: str, dest: Path, failures: list[tuple[str, str, bool]]) -> MNISTError:
    """The error to raise when no mirror gave a valid ``name.gz``."""
    details = "\n".join(f"  - {url}: {reason}" for url, reason, _ in failures)
    advice = (
        f"Download the four MNIST files ({', '.join(f'{n}.gz' for n in KEY_FILE.values())}) "
        f"on a computer with internet access, put them in one folder and set the "
        f"environment variable {ENV_VAR} to that folder "
        f"(e.g. export {ENV_VAR}=/path/to/mnist, "
        f"or on Windows: set {ENV_VAR}=C:\\path\\to\\mnist), "
        f"or pass data_dir=... to load_mnist."
    )
    if failures and all(unreachable for _, _, unreachable in failures):
        return MNISTError(
            f"Could not download {name}.gz: no MNIST mirror could be reached "
            f"(is this computer offline?).\n{details}\n{advice}"
        )
    return MNISTError(
        f"Could not download a valid copy of {name}.gz into {dest}:\n"
        f"{details}\nRe-run later to try again. {advice}"
    )


def _download_one(
    name: str,
    dest: Path,
    mirrors: Sequence[str],
    checksums: Mapping[str, str],
    timeout: float,
    bar,
) -> np.ndarray:
    """Download ``name.gz`` from the first mirror that yields a valid copy."""
    def verify(tmp: Path) -> np.ndarray:
        return decode_idx(file_bytes(tmp, compressed=True), name, checksums)

    failures: list[tuple[str, str, bool]] = []  # (url, reason, unreachable)
    for mirror in mirrors:
        url = mirror.rstrip("/") + f"/{name}.gz"
        try:
            # Atomic: only verified content gets the final name.
            return write_atomic(
                dest / f"{name}.gz",
                partial(_fetch, url, timeout, bar, f"{name}.gz"),
                prefix=f".{name}.gz.",
                suffix=".part",
                check=verify,
            )
        except TempFileError as exc:
            raise MNISTError(
                f"Cannot write to the download folder {dest}: {exc}. "
                f"Set {ENV_VAR} to a folder holding the four MNIST files instead."
            ) from None
        except InvalidData as exc:
            failures.append((url, f"downloaded file is not valid: {exc}", False))
        except (OSError, http.client.HTTPException) as exc:
            failures.append((url, _describe(exc), _is_unreachable(exc)))
    raise _download_failed(name, dest, failures)


def _progress_bar(progress: bool):
    """A rich progress bar for downloads on stderr (inactive unless ``progress``)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not progress,
    )


def ensure_downloaded(
    dest: Path,
    *,
    mirrors: Sequence[str],
    checksums: Mapping[str, str],
    timeout: float,
    progress: bool,
) -> dict[str, np.ndarray]:
    """Verify present files in ``dest``, download missing ones; return the arrays."""
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MNISTError(
            f"Cannot create the download folder {dest}: {exc}. "
            f"Set {ENV_VAR} to a folder holding the four MNIST files instead."
        ) from None

    arrays: dict[str, np.ndarray] = {}
    missing = []
    for key, name in KEY_FILE.items():
        path = dest / f"{name}.gz"
        if path.is_file():
            hint = f"Delete {path} and run again to download it afresh, or set {ENV_VAR}."
            arrays[key] = read_verified(path, name, checksums, hint)
        else:
            missing.append((key, name))
    if not missing:
        return arrays

    with _progress_bar(progress) as bar:
        for key, name in missing:
            arrays[key] = _download_one(name, dest, mirrors, checksums, timeout, bar)
    return {key: arrays[key] for key in KEY_FILE}
