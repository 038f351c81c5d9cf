"""Choosing ``ref``: what the ``ref`` fixture gives a check of an exercise.

* while an answer key is recorded (``grade release``): the recorder that the
  instructor's code installed with :func:`set_recorder`
  (:mod:`grader.instructor.record_keys`; nothing here imports it);
* the environment variable ``GRADER_ANSWER_KEY=DIR``: the answer keys in ``DIR``;
* a student kit (``grader/answer_keys/`` exists): the answer keys shipped with it;
* otherwise: the module ``solutions.<module>`` itself.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from grader import exercises
from grader.checking.answer_key import KEYS_DIR, AnswerKey, key_path, student_kit
from grader.checking.check import CheckFailed
from grader.i18n import T

ENV = "GRADER_ANSWER_KEY"

_recorder = None  # exercise -> the recording ``ref``; set only by the instructor's grader


def set_recorder(recorder):
    """Make ``ref`` record with ``recorder(exercise)`` (None: stop); returns the one set before."""
    global _recorder
    previous, _recorder = _recorder, recorder
    return previous


def recording() -> bool:
    return _recorder is not None


def replayed() -> bool:
    """Would ``ref`` be a recorded answer key (a student kit, or ``GRADER_ANSWER_KEY``)?"""
    return _recorder is None and bool(os.environ.get(ENV) or student_kit())


@contextlib.contextmanager
def reference(exercise):
    """What the ``ref`` fixture gives a check of ``exercise`` (see the module's docstring)."""
    if _recorder is not None:
        yield _recorder(exercise)
        return
    directory = os.environ.get(ENV) or (KEYS_DIR if student_kit() else None)
    if directory is None:
        yield exercises.import_solution(exercise.module)  # beside grader/: never an installed package
        return
    path = key_path(exercise.module, Path(directory))
    if not path.is_file():
        raise CheckFailed(T(f"This kit has no answer key for {exercise.id} ({path.name}): the public checks "
                            "cannot compare with the reference solution.",
                            f"이 키트에는 {exercise.id}의 답안 키({path.name})가 없어 공개 검사가 모범 답안과 "
                            "비교할 수 없습니다."))
    yield AnswerKey.load(path).module()
