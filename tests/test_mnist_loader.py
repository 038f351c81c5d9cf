"""Tests of the MNIST loader (``dataset/mnist.py``).

MNIST 로더 테스트: 실제 데이터(MNIST_DIR), 로컬 HTTP 서버를 통한 내려받기, 오류 처리, 캐시.

The real-data tests read the MNIST files from ``$MNIST_DIR`` or, if that is not set,
from ``mnist/`` in the shared folder (``../shared`` next to the repository, or
``$DLSCRATCH_SHARED``; see ``conftest.py``); they fail (never skip) if the files
cannot be found.  Download tests run against a local HTTP server serving small
synthetic IDX files.  Every file the tests write goes to ``tmp_path``.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import os
import socket
import struct
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import dataset.mnist as mnist  # noqa: E402

NAMES = list(mnist.KEY_FILE.values())


# --------------------------------------------------------------------------------------
# Helpers and fixtures
# --------------------------------------------------------------------------------------


def idx_bytes(array: np.ndarray) -> bytes:
    """IDX file content for uint8 images (N, 28, 28) or labels (N,)."""
    if array.ndim == 3:
        header = struct.pack(">IIII", 0x803, len(array), 28, 28)
    else:
        header = struct.pack(">II", 0x801, len(array))
    return header + array.astype(np.uint8).tobytes()


def make_dataset(seed: int, n_train: int = 30, n_test: int = 12):
    """Small synthetic MNIST: (raw IDX bytes by name, checksums, expected arrays)."""
    rng = np.random.default_rng(seed)
    arrays = {
        "train_img": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train_label": rng.integers(0, 10, n_train, dtype=np.uint8),
        "test_img": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "test_label": rng.integers(0, 10, n_test, dtype=np.uint8),
    }
    raw = {mnist.KEY_FILE[key]: idx_bytes(a) for key, a in arrays.items()}
    checksums = {name: hashlib.sha256(data).hexdigest() for name, data in raw.items()}
    flat = {key: a.reshape(len(a), -1) if key.endswith("img") else a for key, a in arrays.items()}
    return raw, checksums, flat


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def write_files(folder: Path, raw: dict[str, bytes], compress: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in raw.items():
        if compress:
            (folder / f"{name}.gz").write_bytes(gz(data))
        else:
            (folder / name).write_bytes(data)
    return folder


def assert_arrays_equal(got: dict, expected: dict) -> None:
    assert set(got) == set(expected)
    for key in expected:
        assert got[key].dtype == np.uint8, key
        np.testing.assert_array_equal(got[key], expected[key], err_msg=key)


def visible_files(folder: Path) -> set[str]:
    """Final (non-hidden) file names in ``folder``."""
    return (
        {p.name for p in folder.iterdir() if not p.name.startswith(".")}
        if folder.exists()
        else set()
    )


def leftover_parts(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")] if folder.exists() else []


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server naming)
        server = self.server
        server.requests.append(self.path)
        entry = server.routes.get(self.path)
        if entry is None:
            self.send_error(404)
            return
        body, mode = entry
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if mode == "drop":  # announce everything, send half, hang up
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


class LocalServer:
    """An HTTP server on 127.0.0.1 serving ``routes``: path -> (body, mode)."""

    def __init__(self):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.routes = {}
        self.httpd.requests = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def requests(self) -> list[str]:
        return self.httpd.requests

    def mirror(self, prefix: str) -> str:
        return f"{self.base}/{prefix}/"

    def serve(self, prefix: str, name: str, body: bytes, mode: str = "ok") -> None:
        self.httpd.routes[f"/{prefix}/{name}.gz"] = (body, mode)

    def serve_all(self, prefix: str, raw: dict[str, bytes]) -> None:
        for name, data in raw.items():
            self.serve(prefix, name, gz(data))

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    srv = LocalServer()
    yield srv
    srv.close()


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/mnist/"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Point every default location into tmp_path; never use the real internet."""
    monkeypatch.delenv("MNIST_DIR", raising=False)
    monkeypatch.setattr(mnist, "CACHE_PATH", tmp_path / "cache" / "mnist.npz")
    monkeypatch.setattr(mnist, "USER_CACHE_DIR", tmp_path / "user-cache")
    monkeypatch.setattr(mnist, "DOWNLOAD_DIR", tmp_path / "download")
    monkeypatch.setattr(mnist, "MIRRORS", (closed_port_url(),))
    monkeypatch.setattr(mnist, "DOWNLOAD_TIMEOUT", 5.0)
    return tmp_path


@pytest.fixture
def synth():
    return make_dataset(seed=1)


# --------------------------------------------------------------------------------------
# Real MNIST (from MNIST_DIR or the shared folder's mnist/)
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(shared, tmp_path_factory):
    """Build a cache of the real data once; return (folder, cache path, raw arrays)."""
    folder = shared.mnist_dir()
    cache = tmp_path_factory.mktemp("real-cache") / "mnist.npz"
    raw = mnist.load_raw_arrays(folder, cache_path=cache)
    assert cache.is_file()
    return folder, cache, raw


@pytest.fixture
def real_load(real, monkeypatch):
    """``load_mnist`` on the real data, through the module's cache in tmp."""
    folder, cache, _ = real
    monkeypatch.setattr(mnist, "CACHE_PATH", cache)
    monkeypatch.setenv("MNIST_DIR", str(folder))
    return mnist.load_mnist


def test_real_mnist_files_present(shared):
    shared.mnist_dir()


def test_real_default_variant(real_load):
    (x_train, t_train), (x_test, t_test) = real_load()
    assert x_train.shape == (60000, 784) and x_test.shape == (10000, 784)
    assert x_train.dtype == np.float32 and x_test.dtype == np.float32
    assert t_train.shape == (60000,) and t_test.shape == (10000,)
    assert t_train.dtype == np.uint8 and t_test.dtype == np.uint8
    assert x_train.min() == 0.0 and x_train.max() == 1.0
    assert x_test.min() >= 0.0 and x_test.max() <= 1.0
    assert t_train[0] == 5 and t_test[0] == 7
    assert list(t_train[:5]) == [5, 0, 4, 1, 9]
    assert abs(float(x_train.mean()) - 0.1307) < 1e-3  # the well-known MNIST mean
    train_counts = np.bincount(t_train, minlength=10)
    test_counts = np.bincount(t_test, minlength=10)
    assert train_counts.sum() == 60000 and test_counts.sum() == 10000
    assert train_counts.tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert test_counts.tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_real_normalize_false_keeps_uint8(real_load, real):
    (x_train, t_train), (x_test, _) = real_load(normalize=False)
    assert x_train.dtype == np.uint8 and x_test.dtype == np.uint8
    assert x_train.min() == 0 and x_train.max() == 255
    assert np.array_equal(x_train, real[2]["train_img"])
    (x_norm, _), _ = real_load(normalize=True)
    # Same values as the textbook: astype(float32) then /= 255.0.
    expected = x_train.astype(np.float32)
    expected /= 255.0
    assert np.array_equal(x_norm, expected)
    assert x_train.flags.writeable  # users may modify the arrays in place


def test_real_flatten_false(real_load):
    (x_train, _), (x_test, _) = real_load(flatten=False)
    assert x_train.shape == (60000, 1, 28, 28) and x_test.shape == (10000, 1, 28, 28)
    assert x_train.dtype == np.float32


def test_real_one_hot(real_load):
    (_, t_train), (_, t_test) = real_load(one_hot_label=True)
    (_, ids_train), (_, ids_test) = real_load(normalize=False)
    assert t_train.shape == (60000, 10) and t_test.shape == (10000, 10)
    assert t_train.dtype == np.float32
    assert set(np.unique(t_train).tolist()) == {0.0, 1.0}
    np.testing.assert_array_equal(t_train.sum(axis=1), 1.0)
    np.testing.assert_array_equal(t_train.argmax(axis=1), ids_train)
    np.testing.assert_array_equal(t_test.argmax(axis=1), ids_test)


def test_real_cache_records_checksums_and_matches_source(real):
    folder, cache, raw = real
    with np.load(cache, allow_pickle=False) as npz:
        assert [str(s) for s in npz["sha256"]] == [mnist.EXPECTED_SHA256[n] for n in NAMES]
    uncached = mnist.load_raw_arrays(folder, use_cache=False)
    assert_arrays_equal(uncached, raw)


def test_real_import_from_project_root(real):
    """The lecture's ``from dataset.mnist import load_mnist`` works from the root."""
    folder, cache, _ = real
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from dataset.mnist import load_mnist\n"
        "import dataset.mnist as m\n"
        "m.CACHE_PATH = Path(sys.argv[1])\n"
        "(x, t), (xt, tt) = load_mnist(flatten=False)\n"
        "print(x.shape, t[0], xt.shape)\n"
    )
    env = {**os.environ, "MNIST_DIR": str(folder)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(cache)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "(60000, 1, 28, 28) 5 (10000, 1, 28, 28)"


def test_cli_prints_shapes(real):
    folder, _, _ = real
    env = {**os.environ, "MNIST_DIR": str(folder)}
    out = subprocess.run(
        [sys.executable, "-m", "dataset.mnist", "--no-cache"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "x_train: shape=(60000, 784)" in out.stdout
    assert "t_test: shape=(10000,)" in out.stdout


def test_cli_reports_error_without_traceback(tmp_path):
    env = {**os.environ, "MNIST_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "dataset.mnist", "--no-cache"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1
    assert out.stderr.startswith("error:") and "Traceback" not in out.stderr
    assert "MNIST_DIR" in out.stderr


# --------------------------------------------------------------------------------------
# Local folders (data_dir / MNIST_DIR) with synthetic files
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [True, False], ids=["gz", "raw"])
def test_local_folder_gz_or_raw(tmp_path, synth, compress, monkeypatch):
    raw, checksums, expected = synth
    folder = write_files(tmp_path / "src", raw, compress=compress)
    monkeypatch.setattr(mnist, "EXPECTED_SHA256", checksums)
    monkeypatch.setenv("MNIST_DIR", str(folder))
    (x_train, t_train), (x_test, t_test) = mnist.load_mnist(normalize=False)
    np.testing.assert_array_equal(x_train, expected["train_img"])
    np.testing.assert_array_equal(t_test, expected["test_label"])
    assert mnist.CACHE_PATH.is_file()


def test_data_dir_argument_wins_over_env(tmp_path, synth, monkeypatch):
    raw, checksums, expected = synth
    folder = write_files(tmp_path / "src", raw)
    monkeypatch.setenv("MNIST_DIR", str(tmp_path / "does-not-exist"))
    arrays = mnist.load_raw_arrays(folder, checksums=checksums, use_cache=False)
    assert_arrays_equal(arrays, expected)


def test_mnist_dir_empty_folder_is_clear_error(tmp_path, server, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("MNIST_DIR", str(empty))
    monkeypatch.setattr(mnist, "MIRRORS", (server.mirror("m"),))
    with pytest.raises(mnist.MNISTError) as info:
        mnist.load_mnist()
    message = str(info.value)
    assert "MNIST_DIR" in message and str(empty) in message
    assert "train-images-idx3-ubyte" in message and "t10k-labels-idx1-ubyte" in message
    assert server.requests == []  # never falls back to the network


def test_mnist_dir_not_a_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(mnist.MNISTError, match="not a folder"):
        mnist.load_mnist()


def test_missing_folder_error_even_with_valid_cache(tmp_path, synth, monkeypatch):
    raw, checksums, _ = synth
    monkeypatch.setattr(mnist, "EXPECTED_SHA256", checksums)
    mnist.load_mnist(data_dir=write_files(tmp_path / "src", raw))
    assert mnist.CACHE_PATH.is_file()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(mnist.MNISTError, match="does not contain"):
        mnist.load_mnist(data_dir=empty)


@pytest.mark.parametrize(
    "damage, match",
    [
        (lambda b: b"this is not gzip data at all", "not a valid gzip"),
        (lambda b: b[: len(b) // 2], "truncated"),
        (lambda b: gz(gzip.decompress(b)[:-5]), "truncated"),
        (lambda b: gz(gzip.decompress(b)[:-1] + b"\x07"), "SHA-256"),
    ],
    ids=["not-gzip", "truncated-gzip", "truncated-idx", "checksum"],
)
def test_local_folder_bad_file_names_file(tmp_path, synth, damage, match, monkeypatch):
    raw, checksums, _ = synth
    folder = write_files(tmp_path / "src", raw)
    bad = folder / "train-labels-idx1-ubyte.gz"
    bad.write_bytes(damage(bad.read_bytes()))
    monkeypatch.setattr(mnist, "EXPECTED_SHA256", checksums)
    with pytest.raises(mnist.MNISTError, match=match) as info:
        mnist.load_mnist(data_dir=folder)
    assert str(bad) in str(info.value)
    assert not mnist.CACHE_PATH.exists()


def test_wrong_magic_and_mismatched_counts(tmp_path, synth):
    raw, checksums, _ = synth
    swapped = dict(raw)
    swapped["train-labels-idx1-ubyte"] = raw["train-images-idx3-ubyte"]
    folder = write_files(tmp_path / "a", swapped)
    with pytest.raises(mnist.MNISTError, match="magic number"):
        mnist.load_raw_arrays(folder, checksums=checksums, use_cache=False)

    other_raw, other_sums, _ = make_dataset(seed=2, n_train=7)
    mixed = dict(raw, **{"train-labels-idx1-ubyte": other_raw["train-labels-idx1-ubyte"]})
    sums = dict(checksums, **{"train-labels-idx1-ubyte": other_sums["train-labels-idx1-ubyte"]})
    folder = write_files(tmp_path / "b", mixed)
    with pytest.raises(mnist.MNISTError, match="30 images but 7 labels"):
        mnist.load_raw_arrays(folder, checksums=sums, use_cache=False)


# --------------------------------------------------------------------------------------
# Downloads from a local HTTP server
# --------------------------------------------------------------------------------------


def test_download_success_and_cache_reuse(tmp_path, synth, server, monkeypatch):
    raw, checksums, expected = synth
    server.serve_all("primary", raw)
    monkeypatch.setattr(mnist, "MIRRORS", (server.mirror("primary"), server.mirror("fallback")))
    monkeypatch.setattr(mnist, "EXPECTED_SHA256", checksums)

    (x_train, t_train), (x_test, t_test) = mnist.load_mnist(normalize=False)
    np.testing.assert_array_equal(x_train, expected["train_img"])
    np.testing.assert_array_equal(t_train, expected["train_label"])
    np.testing.assert_array_equal(x_test, expected["test_img"])
    np.testing.assert_array_equal(t_test, expected["test_label"])

    download = mnist.DOWNLOAD_DIR
    assert visible_files(download) == {f"{n}.gz" for n in NAMES}
    assert leftover_parts(download) == []
    assert (download / ".gitignore").read_text().strip().endswith("*")
    assert mnist.CACHE_PATH.is_file()
    assert sorted(server.requests) == sorted(f"/primary/{n}.gz" for n in NAMES)

    # The second load comes from the cache: no request at all.
    server.requests.clear()
    (x_again, _), _ = mnist.load_mnist()
    assert server.requests == []
    np.testing.assert_array_equal(x_again, expected["train_img"] / np.float32(255))

    # Without the cache, the verified downloads are reused, not fetched again.
    mnist.CACHE_PATH.unlink()
    assert_arrays_equal(mnist.load_raw_arrays(), expected)
    assert server.requests == []


def test_download_mnist_function(tmp_path, synth, server):
    raw, checksums, _ = synth
    server.serve_all("m", raw)
    dest = tmp_path / "dest"
    paths = mnist.download_mnist(
        dest, mirrors=[server.mirror("m")], checksums=checksums, progress=False
    )
    assert set(paths) == set(NAMES)
    for name, path in paths.items():
        assert path == dest / f"{name}.gz"
        assert gzip.decompress(path.read_bytes()) == raw[name]
    assert leftover_parts(dest) == []


def test_primary_404_uses_fallback(tmp_path, synth, server):
    raw, checksums, expected = synth
    server.serve_all("fallback", raw)  # nothing under /primary/ -> 404
    arrays = mnist.load_raw_arrays(
        mirrors=[server.mirror("primary"), server.mirror("fallback")],
        checksums=checksums,
        download_dir=tmp_path / "dl",
        progress=False,
    )
    assert_arrays_equal(arrays, expected)
    for name in NAMES:
        assert f"/primary/{name}.gz" in server.requests
        assert f"/fallback/{name}.gz" in server.requests
    assert visible_files(tmp_path / "dl") == {f"{n}.gz" for n in NAMES}


def test_invalid_primary_copy_uses_fallback(tmp_path, synth, server):
    raw, checksums, expected = synth
    server.serve_all("primary", raw)
    server.serve_all("fallback", raw)
    server.serve("primary", "t10k-images-idx3-ubyte", b"<html>captive portal</html>")
    arrays = mnist.load_raw_arrays(
        mirrors=[server.mirror("primary"), server.mirror("fallback")],
        checksums=checksums,
        download_dir=tmp_path / "dl",
        progress=False,
    )
    assert_arrays_equal(arrays, expected)
    assert "/fallback/t10k-images-idx3-ubyte.gz" in server.requests


BAD_GZIP = b"\x1f\x8b\x08\x00" + b"garbage that is not deflate data" * 10


@pytest.mark.parametrize(
    "make_body, mode, match",
    [
        (lambda data: BAD_GZIP, "ok", "gzip"),
        (lambda data: b"plain bytes, no gzip", "ok", "not a valid gzip"),
        (lambda data: gz(data)[: len(gz(data)) // 2], "ok", "truncated"),
        (lambda data: gz(data), "drop", "connection closed|IncompleteRead"),
        (lambda data: gz(data[:-1] + b"\x03"), "ok", "SHA-256"),
    ],
    ids=["corrupt-gzip", "not-gzip", "truncated-file", "connection-dropped", "checksum"],
)
def test_bad_download_leaves_nothing_believable(tmp_path, synth, server, make_body, mode, match):
    raw, checksums, expected = synth
    bad_name = "train-labels-idx1-ubyte"
    server.serve_all("a", raw)
    server.serve_all("b", raw)
    for prefix in ("a", "b"):
        server.serve(prefix, bad_name, make_body(raw[bad_name]), mode)
    dest = tmp_path / "dl"
    cache = tmp_path / "c" / "mnist.npz"
    options = dict(
        mirrors=[server.mirror("a"), server.mirror("b")],
        checksums=checksums,
        download_dir=dest,
        cache_path=cache,
        progress=False,
    )
    with pytest.raises(mnist.MNISTError, match=match) as info:
        mnist.load_raw_arrays(**options)
    message = str(info.value)
    assert f"{bad_name}.gz" in message and "MNIST_DIR" in message
    assert server.mirror("a") in message and server.mirror("b") in message
    assert f"{bad_name}.gz" not in visible_files(dest)  # no final file for the bad one
    assert leftover_parts(dest) == []  # and no partial download
    assert not cache.exists()

    # A later run against good mirrors succeeds and yields the right data.
    server.serve_all("b", raw)
    arrays = mnist.load_raw_arrays(**options)
    assert_arrays_equal(arrays, expected)
    assert gzip.decompress((dest / f"{bad_name}.gz").read_bytes()) == raw[bad_name]


def test_progress_bar_on_stderr(tmp_path, synth, server, capsys):
    raw, checksums, _ = synth
    server.serve_all("m", raw)
    mnist.download_mnist(tmp_path / "dl", mirrors=[server.mirror("m")], checksums=checksums)
    captured = capsys.readouterr()
    assert "t10k-labels-idx1-ubyte.gz" in captured.err
    assert captured.out == ""


def test_unreachable_server_is_clear_error(tmp_path, synth):
    _, checksums, _ = synth
    dest = tmp_path / "dl"
    with pytest.raises(mnist.MNISTError) as info:
        mnist.download_mnist(
            dest,
            mirrors=[closed_port_url(), closed_port_url()],
            checksums=checksums,
            progress=False,
        )
    message = str(info.value)
    assert "could be reached" in message and "offline" in message
    assert "MNIST_DIR" in message and "train-images-idx3-ubyte.gz" in message
    assert visible_files(dest) == set()
    assert leftover_parts(dest) == []


def test_default_mirrors_offline_suggests_mnist_dir(tmp_path):
    # The autouse fixture points MIRRORS at a closed port.
    with pytest.raises(mnist.MNISTError, match="MNIST_DIR"):
        mnist.load_mnist()
    assert visible_files(mnist.DOWNLOAD_DIR) == set()


def test_damaged_file_in_download_folder_is_clear_error(tmp_path, synth, server):
    raw, checksums, _ = synth
    server.serve_all("m", raw)
    dest = tmp_path / "dl"
    mnist.download_mnist(dest, mirrors=[server.mirror("m")], checksums=checksums, progress=False)
    damaged = dest / "t10k-images-idx3-ubyte.gz"
    damaged.write_bytes(damaged.read_bytes()[:100])
    with pytest.raises(mnist.MNISTError) as info:
        mnist.download_mnist(
            dest, mirrors=[server.mirror("m")], checksums=checksums, progress=False
        )
    assert str(damaged) in str(info.value) and "Delete" in str(info.value)


def test_readonly_loader_folder_downloads_to_user_cache(tmp_path, synth, server, monkeypatch):
    raw, checksums, expected = synth
    server.serve_all("m", raw)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder would have to be")
    monkeypatch.setattr(mnist, "DOWNLOAD_DIR", blocker / "download")
    monkeypatch.setattr(mnist, "CACHE_PATH", blocker / "mnist.npz")
    monkeypatch.setattr(mnist, "MIRRORS", (server.mirror("m"),))
    monkeypatch.setattr(mnist, "EXPECTED_SHA256", checksums)
    (x_train, _), _ = mnist.load_mnist(normalize=False)
    np.testing.assert_array_equal(x_train, expected["train_img"])
    assert visible_files(mnist.USER_CACHE_DIR / "download") == {f"{n}.gz" for n in NAMES}
    assert (mnist.USER_CACHE_DIR / "mnist.npz").is_file()


# --------------------------------------------------------------------------------------
# Cache
# --------------------------------------------------------------------------------------


def _cache_variants(expected, checksums):
    """Valid-looking but unusable caches: name -> callable(path) writing one."""
    sha = np.array([checksums[n] for n in NAMES])
    good = {**expected, "sha256": sha, "format": np.array(1)}

    def savez(path, **arrays):
        with open(path, "wb") as f:
            np.savez(f, **arrays)

    def tampered(path):
        img = expected["train_img"].copy()
        img[0, 0] ^= 1
        savez(path, **{**good, "train_img": img})

    return {
        "garbage": lambda p: p.write_bytes(b"not a zip file"),
        "empty": lambda p: p.write_bytes(b""),
        "truncated-zip": lambda p: (savez(p, **good), p.write_bytes(p.read_bytes()[:-200])),
        "missing-key": lambda p: savez(p, **{k: v for k, v in good.items() if k != "test_label"}),
        "wrong-dtype": lambda p: savez(
            p, **{**good, "train_img": expected["train_img"].astype(np.float32)}
        ),
        "wrong-shape": lambda p: savez(
            p, **{**good, "test_img": expected["test_img"].reshape(-1, 28, 28)}
        ),
        "stale-checksums": lambda p: savez(p, **{**good, "sha256": np.array(["0" * 64] * 4)}),
        "old-format": lambda p: savez(p, **{**good, "format": np.array(0)}),
        "tampered-content": tampered,
        "pickled-object": lambda p: savez(
            p, **{**good, "sha256": np.array([object()] * 4, dtype=object)}
        ),
    }


CACHE_VARIANTS = [
    "garbage",
    "empty",
    "truncated-zip",
    "missing-key",
    "wrong-dtype",
    "wrong-shape",
    "stale-checksums",
    "old-format",
    "tampered-content",
    "pickled-object",
]


@pytest.mark.parametrize("variant", CACHE_VARIANTS)
def test_bad_cache_is_rebuilt(tmp_path, synth, variant, monkeypatch):
    raw, checksums, expected = synth
    folder = write_files(tmp_path / "src", raw)
    monkeypatch.setattr(mnist, "EXPECTED_SHA256", checksums)
    cache = mnist.CACHE_PATH
    cache.parent.mkdir(parents=True)
    variants = _cache_variants(expected, checksums)
    assert sorted(variants) == sorted(CACHE_VARIANTS)
    variants[variant](cache)
    before = cache.read_bytes()

    (x_train, t_train), (x_test, t_test) = mnist.load_mnist(normalize=False, data_dir=folder)
    np.testing.assert_array_equal(x_train, expected["train_img"])
    np.testing.assert_array_equal(t_test, expected["test_label"])

    assert cache.read_bytes() != before  # replaced ...
    assert_arrays_equal(mnist._read_cache(cache, checksums), expected)  # ... by a valid one
    assert [p.name for p in cache.parent.iterdir()] == ["mnist.npz"]  # no temp files


def test_stale_cache_from_other_data_is_rebuilt(tmp_path, monkeypatch):
    raw1, sums1, expected1 = make_dataset(seed=1)
    raw2, sums2, expected2 = make_dataset(seed=2, n_train=20)
    monkeypatch.setattr(mnist, "EXPECTED_SHA256", sums1)
    mnist.load_mnist(data_dir=write_files(tmp_path / "one", raw1))
    monkeypatch.setattr(mnist, "EXPECTED_SHA256", sums2)
    (x_train, _), _ = mnist.load_mnist(
        normalize=False, data_dir=write_files(tmp_path / "two", raw2)
    )
    np.testing.assert_array_equal(x_train, expected2["train_img"])
    with np.load(mnist.CACHE_PATH, allow_pickle=False) as npz:
        assert [str(s) for s in npz["sha256"]] == [sums2[n] for n in NAMES]


def test_cache_is_used_without_reading_files(tmp_path, synth, monkeypatch):
    raw, checksums, expected = synth
    folder = write_files(tmp_path / "src", raw)
    monkeypatch.setattr(mnist, "EXPECTED_SHA256", checksums)
    mnist.load_mnist(data_dir=folder)
    # Damage a source file: the (verified) cache is still used.
    (folder / "train-images-idx3-ubyte.gz").write_bytes(b"broken")
    assert_arrays_equal(mnist.load_raw_arrays(folder), expected)
    with zipfile.ZipFile(mnist.CACHE_PATH) as zf:
        assert sorted(zf.namelist()) == sorted(
            f"{k}.npy" for k in [*mnist.KEY_FILE, "sha256", "format"]
        )


def test_unwritable_cache_locations_warn_but_load(tmp_path, synth, monkeypatch):
    raw, checksums, expected = synth
    folder = write_files(tmp_path / "src", raw)
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setattr(mnist, "CACHE_PATH", blocker / "mnist.npz")
    monkeypatch.setattr(mnist, "USER_CACHE_DIR", blocker / "user")
    with pytest.warns(RuntimeWarning, match="Could not write the MNIST cache"):
        arrays = mnist.load_raw_arrays(folder, checksums=checksums)
    assert_arrays_equal(arrays, expected)


def test_fallback_to_user_cache_dir(tmp_path, synth, monkeypatch):
    raw, checksums, _ = synth
    folder = write_files(tmp_path / "src", raw)
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setattr(mnist, "CACHE_PATH", blocker / "mnist.npz")
    mnist.load_raw_arrays(folder, checksums=checksums)
    user_cache = mnist.USER_CACHE_DIR / "mnist.npz"
    assert user_cache.is_file()
    # Next time the user cache is found (source folder no longer needed to be valid).
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(b"broken")
    mnist.load_raw_arrays(folder, checksums=checksums)


def test_use_cache_false_writes_nothing(tmp_path, synth):
    raw, checksums, _ = synth
    mnist.load_raw_arrays(write_files(tmp_path / "src", raw), checksums=checksums, use_cache=False)
    assert not mnist.CACHE_PATH.exists() and not mnist.USER_CACHE_DIR.exists()


def test_tests_do_not_touch_repository_cache():
    assert mnist.CACHE_PATH != mnist.DATASET_DIR / "mnist.npz"
    assert not str(mnist.DOWNLOAD_DIR).startswith(str(mnist.DATASET_DIR))
