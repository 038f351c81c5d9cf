"""Every check file in this folder uses the grader's pytest plugin."""
import pytest

from grader.checking import learner_code
from grader.checking.plugin import *  # noqa: F401,F403  (hooks and fixtures)


@pytest.fixture(autouse=True)
def _learner_source(request):
    """While a check runs, hints may read the learner's source (see grader.checking.learner_code)."""
    if "learner" not in request.fixturenames:
        yield
        return
    token = learner_code.CURRENT.set(learner_code.module_path(request.getfixturevalue("learner")))
    yield
    learner_code.CURRENT.reset(token)
