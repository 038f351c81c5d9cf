"""MNIST loader with the interface of *Deep Learning from Scratch* (``dataset/mnist.py``).

요약: 교재(밑바닥부터 시작하는 딥러닝)의 ``load_mnist`` 와 같은 방식으로 MNIST 를
불러옵니다. ``data_dir`` 인자나 환경 변수 ``MNIST_DIR`` 로 지정한 폴더의 파일을
사용하고, 지정하지 않으면 공개 미러에서 내려받습니다. 모든 파일은 압축을 푼 내용의
SHA-256 과 IDX 헤더로 검증하며, 한 번 읽은 데이터는 ``dataset/mnist.npz`` 에
캐시하여 다음부터 빠르게 불러옵니다.

Usage, exactly as in the textbook (run from the project root)::

    from dataset.mnist import load_mnist
    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, flatten=True,
                                                      one_hot_label=False)

Where the data comes from, in this order:

1. the ``data_dir`` argument, else the environment variable ``MNIST_DIR``: a folder
   holding ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
   ``t10k-images-idx3-ubyte`` and ``t10k-labels-idx1-ubyte``, each either raw or
   gzip-compressed (``.gz``).  If such a folder is given but a file is missing or
   wrong, :class:`MNISTError` is raised; the network is never used in that case.
2. otherwise the four ``.gz`` files are downloaded from :data:`MIRRORS` (first
   mirror first, the others as fallbacks) into :data:`DOWNLOAD_DIR`.

Every file is checked against the SHA-256 of its *decompressed* bytes
(:data:`EXPECTED_SHA256`) and its IDX header.  Downloads are written to a temporary
file in the destination folder and renamed into place only after they have been
verified, so an interrupted or corrupt download never leaves a file behind that a
later run would trust.

The parsed ``uint8`` arrays are cached in :data:`CACHE_PATH` (``dataset/mnist.npz``)
together with the checksums they were built from.  A cache that cannot be read,
has unexpected contents or was built from other checksums is ignored and rebuilt.
If the folder of the loader is not writable, the cache goes to
:data:`USER_CACHE_DIR` instead (or is skipped, with a warning).

``python -m dataset.mnist`` loads the data (downloading it if necessary) and prints
the array shapes.

The module-level constants (:data:`MIRRORS`, :data:`DOWNLOAD_DIR`,
:data:`CACHE_PATH`, :data:`USER_CACHE_DIR`, :data:`EXPECTED_SHA256`) are read at
call time, so they can be overridden; :func:`download_mnist` and
:func:`load_raw_arrays` also take them as keyword arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import http.client
import os
import struct
import sys
import tempfile
import urllib.error
import urllib.request
import warnings
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np

__all__ = [
    "MNISTError",
    "load_mnist",
    "load_raw_arrays",
    "download_mnist",
    "init_mnist",
]

# --------------------------------------------------------------------------------------
# Configuration (read at call time, so tests and users may override it)
# --------------------------------------------------------------------------------------

#: Name of the environment variable naming a folder with the four MNIST files.
ENV_VAR = "MNIST_DIR"

#: Array key (as in the textbook) -> base file name (without ``.gz``).
KEY_FILE = {
    "train_img": "train-images-idx3-ubyte",
    "train_label": "train-labels-idx1-ubyte",
    "test_img": "t10k-images-idx3-ubyte",
    "test_label": "t10k-labels-idx1-ubyte",
}

#: SHA-256 of the *decompressed* bytes of each file (gzip wrappers differ between
#: copies of MNIST, the content does not).
EXPECTED_SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}

#: Base URLs of public mirrors holding ``<name>.gz``; tried in order.
MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)

#: Folder of this loader (``dataset/``).
DATASET_DIR = Path(__file__).resolve().parent

#: Where downloaded ``.gz`` files are kept (a ``.gitignore`` is placed inside).
DOWNLOAD_DIR = DATASET_DIR / "mnist_download"

#: The cache of parsed arrays.
CACHE_PATH = DATASET_DIR / "mnist.npz"


def _user_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory can be determined
            base = tempfile.gettempdir()
    return Path(base) / "dlscratch-mnist"


#: Fallback location for the cache and downloads when :data:`DATASET_DIR` is read-only.
USER_CACHE_DIR = _user_cache_dir()

#: Seconds to wait for a mirror before giving up on it.
DOWNLOAD_TIMEOUT = 30.0

_CHUNK = 1 << 16
_CACHE_FORMAT = 1
_ROWS = _COLS = 28

# Names kept for compatibility with the textbook's module.
img_dim = (1, _ROWS, _COLS)
img_size = _ROWS * _COLS
train_num = 60000
test_num = 10000


class MNISTError(RuntimeError):
    """MNIST could not be loaded; the message says which file and what to do."""


class _InvalidData(ValueError):
    """Internal: a file's bytes are not the expected IDX content (reason in message)."""


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def load_mnist(
    normalize: bool = True,
    flatten: bool = True,
    one_hot_label: bool = False,
    data_dir: str | os.PathLike[str] | None = None,
):
    """Load MNIST as in the textbook.

    교재와 같은 형식으로 MNIST 를 읽어 ``((x_train, t_train), (x_test, t_test))`` 를
    돌려줍니다.

    Parameters
    ----------
    normalize : bool
        Scale pixels to ``float32`` values in ``[0, 1]``; otherwise keep the original
        ``uint8`` values 0-255.
    flatten : bool
        Images as rows of 784 values, shape ``(N, 784)``; otherwise ``(N, 1, 28, 28)``.
    one_hot_label : bool
        Labels as one-hot ``float32`` rows of shape ``(N, 10)``; otherwise ``uint8``
        class ids of shape ``(N,)``.
    data_dir : path, optional
        Folder with the four MNIST files (raw or ``.gz``).  Defaults to the
        environment variable ``MNIST_DIR``; if neither is set the files are
        downloaded.

    Returns
    -------
    ((x_train, t_train), (x_test, t_test))
        60,000 training and 10,000 test examples.

    Raises
    ------
    MNISTError
        If the data cannot be found, downloaded or verified.
    """
    arrays = load_raw_arrays(data_dir)

    def images(key: str) -> np.ndarray:
        x = arrays[key]
        if normalize:
            # One pass; bit-identical to the textbook's astype(float32) then /= 255.0.
            x = np.divide(x, np.float32(255.0), dtype=np.float32)
        if not flatten:
            x = x.reshape(-1, *img_dim)
        return x

    def labels(key: str) -> np.ndarray:
        t = arrays[key]
        if one_hot_label:
            one_hot = np.zeros((t.size, 10), dtype=np.float32)
            one_hot[np.arange(t.size), t] = 1.0
            return one_hot
        return t

    return (images("train_img"), labels("train_label")), (
        images("test_img"),
        labels("test_label"),
    )


def load_raw_arrays(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    cache_path: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    download_dir: str | os.PathLike[str] | None = None,
    mirrors: Sequence[str] | None = None,
    checksums: Mapping[str, str] | None = None,
    progress: bool = True,
) -> dict[str, np.ndarray]:
    """Return the verified MNIST arrays as stored in the files.

    파일 그대로의 uint8 배열을 돌려줍니다 (캐시 사용, 필요하면 내려받기).

    The result maps ``train_img``/``test_img`` to ``uint8`` arrays of shape
    ``(N, 784)`` and ``train_label``/``test_label`` to ``uint8`` arrays of shape
    ``(N,)``.

    Parameters
    ----------
    data_dir : path, optional
        Folder with the four files; defaults to ``$MNIST_DIR``.  When neither is
        given the files are downloaded.
    cache_path : path, optional
        Cache file to read and write.  Defaults to :data:`CACHE_PATH`, with
        ``USER_CACHE_DIR / "mnist.npz"`` as the fallback.
    use_cache : bool
        Read and write the cache (default); ``False`` always parses the files.
    download_dir, mirrors, checksums, progress
        Passed to the download step (see :func:`download_mnist`); ``checksums``
        also decides which cache is current.
    """
    checksums = dict(EXPECTED_SHA256 if checksums is None else checksums)

    source, origin = _source_dir(data_dir)
    files = _locate_files(source, origin) if source is not None else None

    if cache_path is not None:
        candidates = [Path(cache_path)]
    else:
        candidates = [Path(CACHE_PATH), Path(USER_CACHE_DIR) / Path(CACHE_PATH).name]

    if use_cache:
        for candidate in candidates:
            cached = _read_cache(candidate, checksums)
            if cached is not None:
                return cached

    if files is not None:
        hint = (
            f"Replace it with an intact copy, or point {origin} to a folder "
            f"holding the correct MNIST files."
        )
        arrays = {
            key: _read_verified(files[name], name, checksums, hint)
            for key, name in KEY_FILE.items()
        }
    else:
        dest = Path(download_dir) if download_dir is not None else _default_download_dir()
        arrays = _ensure_downloaded(
            dest,
            mirrors=MIRRORS if mirrors is None else mirrors,
            checksums=checksums,
            timeout=DOWNLOAD_TIMEOUT,
            progress=progress,
        )
    _check_counts(arrays)

    if use_cache:
        _write_cache(arrays, checksums, candidates)
    return arrays


def download_mnist(
    dest_dir: str | os.PathLike[str] | None = None,
    *,
    mirrors: Sequence[str] | None = None,
    checksums: Mapping[str, str] | None = None,
    timeout: float | None = None,
    progress: bool = True,
) -> dict[str, Path]:
    """Make sure verified copies of the four ``.gz`` files are in ``dest_dir``.

    네 개의 MNIST 파일을 내려받아 검증한 뒤 ``dest_dir`` 에 저장합니다.

    Files already present are verified, not downloaded again; a present file that
    fails verification raises :class:`MNISTError` (delete it and re-run).  Each
    missing file is fetched from ``mirrors`` in order (a failed or invalid download
    moves on to the next mirror) into a temporary file in ``dest_dir``, verified,
    and only then renamed to its final name.  A progress bar is shown on stderr
    unless ``progress`` is false.

    Parameters
    ----------
    dest_dir : path, optional
        Target folder; defaults to :data:`DOWNLOAD_DIR` (or a folder under
        :data:`USER_CACHE_DIR` if that is not writable).
    mirrors : sequence of str, optional
        Base URLs; ``<base>/<name>.gz`` is fetched.  Defaults to :data:`MIRRORS`.
    checksums : mapping, optional
        File name -> SHA-256 of the decompressed bytes.  Defaults to
        :data:`EXPECTED_SHA256`.
    timeout : float, optional
        Socket timeout in seconds; defaults to :data:`DOWNLOAD_TIMEOUT`.

    Returns
    -------
    dict
        Base file name -> path of the verified ``.gz`` file.
    """
    dest = Path(dest_dir) if dest_dir is not None else _default_download_dir()
    _ensure_downloaded(
        dest,
        mirrors=MIRRORS if mirrors is None else mirrors,
        checksums=dict(EXPECTED_SHA256 if checksums is None else checksums),
        timeout=DOWNLOAD_TIMEOUT if timeout is None else timeout,
        progress=progress,
    )
    return {name: dest / f"{name}.gz" for name in KEY_FILE.values()}


def init_mnist() -> None:
    """Download (if needed) and cache MNIST, like the textbook's ``init_mnist``.

    교재의 ``init_mnist`` 와 같이 데이터를 준비(내려받기·캐시)합니다.
    """
    load_raw_arrays()


# --------------------------------------------------------------------------------------
# Reading and verifying IDX files
# --------------------------------------------------------------------------------------


def _idx_header(name: str, count: int) -> bytes:
    """The IDX header a file ``name`` holding ``count`` items must start with."""
    if "images" in name:
        return struct.pack(">IIII", 0x00000803, count, _ROWS, _COLS)
    return struct.pack(">II", 0x00000801, count)


def _decode_idx(data: bytes, name: str, checksums: Mapping[str, str]) -> np.ndarray:
    """Check header and checksum of decompressed IDX ``data``; return its array.

    Images come back with shape ``(N, 784)``, labels with shape ``(N,)``.
    """
    is_images = "images" in name
    header_size = 16 if is_images else 8
    if len(data) < header_size:
        raise _InvalidData(
            f"only {len(data)} bytes, too short for an IDX header (the file is truncated)"
        )
    magic, count = struct.unpack_from(">II", data)
    expected_magic = 0x00000803 if is_images else 0x00000801
    if magic != expected_magic:
        kind = "image" if is_images else "label"
        raise _InvalidData(
            f"IDX magic number is 0x{magic:08x}, expected 0x{expected_magic:08x} "
            f"for an MNIST {kind} file"
        )
    if is_images:
        rows, cols = struct.unpack_from(">II", data, 8)
        if (rows, cols) != (_ROWS, _COLS):
            raise _InvalidData(f"images are {rows}x{cols}, expected {_ROWS}x{_COLS}")
    item_size = _ROWS * _COLS if is_images else 1
    expected_len = header_size + count * item_size
    if len(data) != expected_len:
        state = "truncated" if len(data) < expected_len else "too long"
        raise _InvalidData(
            f"header announces {count} items ({expected_len} bytes) but the content "
            f"has {len(data)} bytes ({state})"
        )
    digest = hashlib.sha256(data).hexdigest()
    expected = checksums[name]
    if digest != expected:
        raise _InvalidData(
            f"SHA-256 of the decompressed content is {digest}, expected {expected} "
            f"(damaged or not the original MNIST file)"
        )
    array = np.frombuffer(data, dtype=np.uint8, offset=header_size)
    if is_images:
        return array.reshape(count, item_size).copy()
    if count and array.max() > 9:
        raise _InvalidData("label values outside 0-9")
    return array.copy()


def _file_bytes(path: Path, compressed: bool | None = None) -> bytes:
    """The content of ``path``, decompressed if ``compressed`` (default: name ends in .gz)."""
    raw = path.read_bytes()
    if not (path.suffix == ".gz" if compressed is None else compressed):
        return raw
    try:
        return gzip.decompress(raw)
    except EOFError:
        raise _InvalidData("gzip stream ends early (the file is truncated or incomplete)") from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise _InvalidData(f"not a valid gzip file ({exc})") from None


def _read_verified(path: Path, name: str, checksums: Mapping[str, str], hint: str) -> np.ndarray:
    """Read and verify one MNIST file; raise :class:`MNISTError` naming it on failure."""
    try:
        return _decode_idx(_file_bytes(path), name, checksums)
    except _InvalidData as exc:
        raise MNISTError(f"MNIST file {path} is not valid: {exc}.\n{hint}") from None
    except OSError as exc:
        raise MNISTError(f"MNIST file {path} cannot be read: {exc}.\n{hint}") from None


def _check_counts(arrays: Mapping[str, np.ndarray]) -> None:
    for split in ("train", "test"):
        n_img, n_lab = len(arrays[f"{split}_img"]), len(arrays[f"{split}_label"])
        if n_img != n_lab:
            raise MNISTError(
                f"MNIST {split} set has {n_img} images but {n_lab} labels; "
                f"the files do not belong together."
            )


# --------------------------------------------------------------------------------------
# Local folder (data_dir / MNIST_DIR)
# --------------------------------------------------------------------------------------


def _source_dir(data_dir) -> tuple[Path | None, str]:
    """The folder to read from and how it was given (for messages)."""
    if data_dir is not None:
        return Path(data_dir).expanduser(), f"data_dir ({data_dir})"
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser(), f"{ENV_VAR} ({env})"
    return None, ""


def _locate_files(folder: Path, origin: str) -> dict[str, Path]:
    """Find each file, raw or ``.gz``, in ``folder``; raise if any is missing."""
    if not folder.is_dir():
        raise MNISTError(
            f"{origin} is not a folder. Set {ENV_VAR} (or data_dir) to the folder "
            f"holding the four MNIST files, or leave both unset to download them."
        )
    found, missing = {}, []
    for name in KEY_FILE.values():
        for candidate in (folder / name, folder / f"{name}.gz"):
            if candidate.is_file():
                found[name] = candidate
                break
        else:
            missing.append(f"{name}(.gz)")
    if missing:
        raise MNISTError(
            f"{origin} does not contain {', '.join(missing)}. That folder must hold "
            f"the four MNIST files {', '.join(KEY_FILE.values())} (raw or .gz). "
            f"Fix the path, or leave both {ENV_VAR} and data_dir unset to download the files."
        )
    return found


# --------------------------------------------------------------------------------------
# Download
# --------------------------------------------------------------------------------------


def _writable_dir(folder: Path) -> bool:
    """True if files can be created in ``folder`` (creating it if needed)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        return False
    return True


def _default_download_dir() -> Path:
    """:data:`DOWNLOAD_DIR` if usable, else a folder under :data:`USER_CACHE_DIR`."""
    folder = Path(DOWNLOAD_DIR)
    have_all = all((folder / f"{name}.gz").is_file() for name in KEY_FILE.values())
    if have_all or _writable_dir(folder):
        marker = folder / ".gitignore"
        if not marker.exists():
            with contextlib.suppress(OSError):
                marker.write_text("# Downloaded MNIST files; never commit them.\n*\n")
        return folder
    return Path(USER_CACHE_DIR) / "download"


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


def _fetch(url: str, out: BinaryIO, timeout: float, bar, label: str) -> None:
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


def _download_one(
    name: str,
    dest: Path,
    mirrors: Sequence[str],
    checksums: Mapping[str, str],
    timeout: float,
    bar,
) -> np.ndarray:
    """Download ``name.gz`` from the first mirror that yields a valid copy."""
    final = dest / f"{name}.gz"
    failures: list[tuple[str, str, bool]] = []  # (url, reason, unreachable)
    for mirror in mirrors:
        url = mirror.rstrip("/") + f"/{name}.gz"
        try:
            fd, tmp_name = tempfile.mkstemp(dir=dest, prefix=f".{name}.gz.", suffix=".part")
        except OSError as exc:
            raise MNISTError(
                f"Cannot write to the download folder {dest}: {exc}. "
                f"Set {ENV_VAR} to a folder holding the four MNIST files instead."
            ) from None
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                _fetch(url, out, timeout, bar, f"{name}.gz")
                out.flush()
                os.fsync(out.fileno())
            array = _decode_idx(_file_bytes(tmp, compressed=True), name, checksums)
            os.chmod(tmp, 0o644)
            os.replace(tmp, final)  # atomic: only verified content gets the final name
            return array
        except _InvalidData as exc:
            failures.append((url, f"downloaded file is not valid: {exc}", False))
        except (OSError, http.client.HTTPException) as exc:
            failures.append((url, _describe(exc), _is_unreachable(exc)))
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()

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
        raise MNISTError(
            f"Could not download {name}.gz: no MNIST mirror could be reached "
            f"(is this computer offline?).\n{details}\n{advice}"
        )
    raise MNISTError(
        f"Could not download a valid copy of {name}.gz into {dest}:\n"
        f"{details}\nRe-run later to try again. {advice}"
    )


def _ensure_downloaded(
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
            arrays[key] = _read_verified(path, name, checksums, hint)
        else:
            missing.append((key, name))
    if not missing:
        return arrays

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not progress,
    ) as bar:
        for key, name in missing:
            arrays[key] = _download_one(name, dest, mirrors, checksums, timeout, bar)
    return {key: arrays[key] for key in KEY_FILE}


# --------------------------------------------------------------------------------------
# Cache
# --------------------------------------------------------------------------------------


def _content_sha256(name: str, array: np.ndarray) -> str:
    """SHA-256 of the IDX file that ``array`` was parsed from (header + data)."""
    digest = hashlib.sha256(_idx_header(name, len(array)))
    digest.update(np.ascontiguousarray(array))
    return digest.hexdigest()


def _read_cache(path: Path, checksums: Mapping[str, str]) -> dict[str, np.ndarray] | None:
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
        if ndim == 2 and array.shape[1] != img_size:
            return None
        if _content_sha256(name, array) != checksums[name]:
            return None
    if any(len(arrays[f"{s}_img"]) != len(arrays[f"{s}_label"]) for s in ("train", "test")):
        return None
    return arrays


def _write_cache(
    arrays: Mapping[str, np.ndarray], checksums: Mapping[str, str], candidates: Iterable[Path]
) -> Path | None:
    """Atomically write the cache to the first writable candidate; return its path."""
    candidates = list(candidates)
    sha = np.array([checksums[name] for name in KEY_FILE.values()])
    for path in candidates:
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # The ".npz" suffix keeps a stray temp file covered by ignore rules.
            fd, tmp_name = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp.npz"
            )
            tmp = Path(tmp_name)
            with os.fdopen(fd, "wb") as out:
                np.savez(out, sha256=sha, format=np.array(_CACHE_FORMAT), **arrays)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
            return path
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()
    warnings.warn(
        "Could not write the MNIST cache to "
        + " or ".join(str(p) for p in candidates)
        + "; the files will be parsed again next time.",
        RuntimeWarning,
        stacklevel=3,
    )
    return None


# --------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dataset.mnist``: load (download if needed) and print the shapes."""
    parser = argparse.ArgumentParser(
        prog="python -m dataset.mnist",
        description="Load MNIST (downloading and caching it if needed) and print the array shapes.",
    )
    parser.add_argument(
        "--data-dir", help=f"folder with the four MNIST files (default: ${ENV_VAR})"
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    args = parser.parse_args(argv)

    try:
        arrays = load_raw_arrays(args.data_dir, use_cache=not args.no_cache)
    except MNISTError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    names = {
        "train_img": "x_train",
        "train_label": "t_train",
        "test_img": "x_test",
        "test_label": "t_test",
    }
    for key, label in names.items():
        array = arrays[key]
        print(f"{label}: shape={array.shape} dtype={array.dtype}")
    print("(load_mnist() returns these, scaled to float32 in [0, 1] by default)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
