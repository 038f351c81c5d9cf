import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

#: The folder beside the repository with what the kit may not ship: the real MNIST
#: (``mnist/``) and the lecture's weights (``reference/sample_weight.pkl``).  The
#: environment variable DLSCRATCH_SHARED names another folder.
SHARED_DIR = Path(os.environ.get("DLSCRATCH_SHARED") or Path(__file__).resolve().parents[2] / "shared").resolve()

#: The real MNIST: $MNIST_DIR if set, else SHARED_DIR/mnist (read here, before a test changes the environment).
REAL_MNIST_DIR = Path(os.environ.get("MNIST_DIR") or SHARED_DIR / "mnist").resolve()


class Shared:
    """The shared material; each method fails the calling test (never skips it) when it is missing."""

    def mnist_dir(self) -> Path:
        """The folder holding the four real MNIST files (raw or .gz)."""
        from dataset.mnist import KEY_FILE
        missing = [name for name in KEY_FILE.values()
                   if not ((REAL_MNIST_DIR / name).is_file() or (REAL_MNIST_DIR / f"{name}.gz").is_file())]
        if missing:
            pytest.fail(f"Real MNIST files not found in {REAL_MNIST_DIR} (missing: {', '.join(missing)}). "
                        f"Set MNIST_DIR to the folder holding the four MNIST files, or DLSCRATCH_SHARED to "
                        f"the folder holding mnist/ and reference/.", pytrace=False)
        return REAL_MNIST_DIR

    def lecture_weights(self) -> Path:
        """The lecture's ``sample_weight.pkl``."""
        path = SHARED_DIR / "reference" / "sample_weight.pkl"
        if not path.is_file():
            pytest.fail(f"The lecture's weights are missing: {path} (they must be in reference/ of the shared "
                        f"folder beside the repository, or of the folder named by DLSCRATCH_SHARED).",
                        pytrace=False)
        return path


# ---------------------------------------------------------------------------- what the platform offers
def _requirements() -> dict:
    """``@pytest.mark.requires(name, ...)``: what each name needs (grader.sandbox.platform's flags) and
    why a test is skipped without it (GRADER_SANDBOX=portable, tests/no_posix, macOS, Windows)."""
    from grader.sandbox import keeper, platform as offered
    return {
        "keeper": (keeper.available(), "no keeper process here (it needs Linux, fork, /proc and pidfds)"),
        "fork_server": (offered.HAS_FORK and offered.HAS_PIDFD and offered.HAS_UNIX_SOCKETS and offered.HAS_PROC,
                        "no warm fork server here (it needs fork, pidfds, Unix sockets and /proc)"),
        "fork": (offered.HAS_FORK, "no os.fork here"),
        "unix_sockets": (offered.HAS_UNIX_SOCKETS, "no Unix sockets here"),
        "rlimits": (offered.HAS_RLIMITS, "no resource limits (setrlimit) here"),
        "memory_limit": (offered.CAN_LIMIT_ADDRESS_SPACE, "no memory limit (RLIMIT_AS) here"),
        "landlock": (offered.HAS_LANDLOCK, "no Landlock (file-system sandbox) here"),
        "signal_exits": (offered.HAS_SIGNAL_EXITS, "processes do not end by signals (SIGSEGV) here"),
    }


def _test_mode() -> bool:
    """Whether this run simulates a poorer platform on purpose (the only runs on Linux that may skip)."""
    from grader.sandbox import platform as offered
    return offered.PORTABLE or bool(os.environ.get(offered.STAND_IN)) or not offered.IS_LINUX


def pytest_configure(config):
    config.addinivalue_line("markers", "requires(*names): skip where the platform lacks one of these "
                                       "(see tests/conftest.py: " + ", ".join(sorted(_requirements())) + ")")


def pytest_runtest_setup(item):
    requirements = _requirements()
    for marker in item.iter_markers("requires"):
        for name in marker.args:
            offered, why = requirements[name]
            if offered:
                continue
            if not _test_mode():  # Linux offers all of them: a skip here would hide a broken check
                pytest.fail(f"{name} should exist on Linux, but: {why}", pytrace=False)
            pytest.skip(f"{why} ({name})")


@pytest.fixture(scope="session")
def shared() -> Shared:
    """Paths of the real MNIST and the lecture's weights (see :class:`Shared`)."""
    return Shared()


@pytest.fixture
def worker_for(tmp_path):
    """``worker_for(source, name, **options)``: learner code written to ``tmp_path/name`` and a worker
    for it, as ``(process, module proxy)`` (see grader.sandbox.proxy.connect); closed after the test."""
    from grader.sandbox.proxy import connect
    started = []

    def start(source: str, name: str, **options):
        path = tmp_path / name
        path.write_text(source, encoding="utf-8")
        started.append(connect(path, **options))
        return started[-1]
    yield start
    for process, _ in started:
        process.close()


def _stop_servers(folder: Path) -> None:
    from grader.sandbox import forkserver
    try:
        forkserver.stop(folder)
    except ImportError:  # tests/no_posix: no fcntl to read a server's lock (one that a child without the
        pass  # stand-in started); it leaves by itself after GRADER_FORKSERVER_IDLE seconds


@pytest.fixture(scope="session", autouse=True)
def forkserver_folder(tmp_path_factory):
    """Warm servers that `grade` starts during the tests live in a folder of the test run's own,
    and none of them outlives it."""
    folder = tmp_path_factory.mktemp("forkserver")
    folder.chmod(0o700)
    saved = {key: os.environ.get(key) for key in ("GRADER_FORKSERVER_DIR", "GRADER_FORKSERVER_IDLE")}
    os.environ.update(GRADER_FORKSERVER_DIR=str(folder), GRADER_FORKSERVER_IDLE="120")
    yield folder
    _stop_servers(folder)
    time.sleep(0.5)  # a server that `grade` started in the last moment has taken its lock by now
    _stop_servers(folder)
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
