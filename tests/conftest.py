import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session", autouse=True)
def forkserver_folder(tmp_path_factory):
    """Warm servers that `grade` starts during the tests live in a folder of the test run's own,
    and none of them outlives it."""
    from grader.sandbox import forkserver
    folder = tmp_path_factory.mktemp("forkserver")
    folder.chmod(0o700)
    saved = {key: os.environ.get(key) for key in ("GRADER_FORKSERVER_DIR", "GRADER_FORKSERVER_IDLE")}
    os.environ.update(GRADER_FORKSERVER_DIR=str(folder), GRADER_FORKSERVER_IDLE="120")
    yield folder
    forkserver.stop(folder)
    time.sleep(0.5)  # a server that `grade` started in the last moment has taken its lock by now
    forkserver.stop(folder)
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
