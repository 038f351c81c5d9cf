"""Answer keys: the reference solution's results for the public checks, without its code.

A student kit (``grade release``) ships no reference solution.  Its public
checks still compare against the reference: when the kit is made, the public
checks run against ``solutions/`` with ``ref`` recording
(:mod:`grader.instructor.record_keys`): every call passes through to the
reference module and what came back is written down.  In the kit, ``ref`` is an
:class:`AnswerKey` that answers the same calls from that record.  Public checks
draw their inputs from a fixed seed (:data:`grader.seeds.PUBLIC_SEED`), so they
make the same calls again.  Which ``ref`` a check gets is chosen by
:func:`grader.checking.reference.reference`.

Both are transports behind the same :class:`grader.sandbox.proxy.Remote` proxy
that reaches learner code (:mod:`grader.checking.answer_key.transport`).

What is recorded is data only: for each call, a stable key (the path of the
call, such as ``softmax`` or ``MulLayer().forward``, a digest of its arguments
and of what was done to the object before: :mod:`grader.checking.answer_key.keys`)
and the plain value returned (numbers, strings, lists, dicts, NumPy arrays ...),
stored as JSON in the tree format of :mod:`grader.sandbox.codec`.  Objects (a
``MulLayer``, a ``TwoLayerNet``, a function returned by ``tangent_line``) are not
stored: they are named by the chain of calls that created them, and calls on
them are keyed by that chain plus everything done to them so far.

A call the record does not hold makes the check fail with a message that says
so (:class:`AnswerKeyMiss`): the kit never guesses and never lets a check pass
on a missing answer.

Learner code cannot import this package (:data:`grader.sandbox.worker.FORBIDDEN`).
"""
from grader.checking.answer_key.replay import AnswerKey
from grader.checking.answer_key.store import FORMAT, KEYS_DIR, AnswerKeyMiss, Store, key_path, student_kit

__all__ = ["AnswerKey", "AnswerKeyMiss", "FORMAT", "KEYS_DIR", "Store", "key_path", "student_kit"]
