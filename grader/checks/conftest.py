"""Every check file in this folder uses the grader's pytest plugin."""
from grader.checking.plugin import *  # noqa: F401,F403  (hooks and fixtures)
