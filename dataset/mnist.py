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

This module holds the configuration, the public functions and the command line;
private helpers do the work: :mod:`dataset._idx` (file names, finding, reading and
verifying the IDX files), :mod:`dataset._download` (mirrors, progress bar),
:mod:`dataset._cache` (the npz cache) and :mod:`dataset._files` (atomic writes).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

if not __package__:  # run as a file (python dataset/mnist.py): make ``dataset`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dataset import _cache, _download, _idx  # noqa: E402
from dataset._cache import read_cache as _read_cache  # noqa: E402  (tests call mnist._read_cache)
from dataset._idx import ENV_VAR, KEY_FILE, MNISTError  # noqa: E402

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

# ENV_VAR ("MNIST_DIR") and KEY_FILE (array key as in the textbook -> base file name)
# are imported from dataset._idx above and fixed.

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

#: Fallback location for the cache and downloads when :data:`DATASET_DIR` is read-only.
USER_CACHE_DIR = _cache.user_cache_dir()

#: Seconds to wait for a mirror before giving up on it.
DOWNLOAD_TIMEOUT = 30.0

# Names kept for compatibility with the textbook's module.
img_dim = (1, _idx.ROWS, _idx.COLS)
img_size = _idx.IMG_SIZE
train_num = 60000
test_num = 10000


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

    source, origin = _idx.source_dir(data_dir)
    files = _idx.locate_files(source, origin) if source is not None else None

    candidates = _cache_candidates(cache_path)
    if use_cache:
        for candidate in candidates:
            cached = _read_cache(candidate, checksums)
            if cached is not None:
                return cached

    if files is not None:
        arrays = _idx.read_folder(files, origin, checksums)
    else:
        arrays = _download.ensure_downloaded(
            _download_dest(download_dir),
            mirrors=MIRRORS if mirrors is None else mirrors,
            checksums=checksums,
            timeout=DOWNLOAD_TIMEOUT,
            progress=progress,
        )
    _idx.check_counts(arrays)

    if use_cache:
        _cache.write_cache(arrays, checksums, candidates)
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
    dest = _download_dest(dest_dir)
    _download.ensure_downloaded(
        dest,
        mirrors=MIRRORS if mirrors is None else mirrors,
        checksums=dict(EXPECTED_SHA256 if checksums is None else checksums),
        timeout=DOWNLOAD_TIMEOUT if timeout is None else timeout,
        progress=progress,
    )
    return {name: dest / f"{name}.gz" for name in KEY_FILE.values()}


def _cache_candidates(cache_path: str | os.PathLike[str] | None) -> list[Path]:
    """``[cache_path]``, else :data:`CACHE_PATH` then its name in :data:`USER_CACHE_DIR`."""
    if cache_path is not None:
        return [Path(cache_path)]
    return [Path(CACHE_PATH), Path(USER_CACHE_DIR) / Path(CACHE_PATH).name]


def _download_dest(folder: str | os.PathLike[str] | None) -> Path:
    """``folder``, else :data:`DOWNLOAD_DIR` if usable, else a folder under :data:`USER_CACHE_DIR`."""
    if folder is not None:
        return Path(folder)
    return _download.default_download_dir(Path(DOWNLOAD_DIR), Path(USER_CACHE_DIR))


def init_mnist() -> None:
    """Download (if needed) and cache MNIST, like the textbook's ``init_mnist``.

    교재의 ``init_mnist`` 와 같이 데이터를 준비(내려받기·캐시)합니다.
    """
    load_raw_arrays()


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
