"""Stand-in logic gates that exercise-04's checks put in place of a learner's gates.

The check for XOR replaces the learner's ``NAND``, ``OR`` and ``AND`` by these
functions (inside the learner's process) and watches whether ``XOR`` follows:
an ``XOR`` built as ``AND(NAND(x1, x2), OR(x1, x2))`` does, one written as
``x1 != x2`` does not.  They live here, at module level, so that they can be
sent to the worker by reference.
"""


def lecture_and(x1, x2):
    """The lecture's AND perceptron: weights (0.5, 0.5), bias -0.7."""
    return 1 if 0.5 * x1 + 0.5 * x2 - 0.7 > 0 else 0


def lecture_nand(x1, x2):
    """The lecture's NAND perceptron: weights (-0.5, -0.5), bias 0.7."""
    return 1 if -0.5 * x1 - 0.5 * x2 + 0.7 > 0 else 0


def lecture_or(x1, x2):
    """The lecture's OR perceptron: weights (0.5, 0.5), bias -0.2."""
    return 1 if 0.5 * x1 + 0.5 * x2 - 0.2 > 0 else 0


def always_one(x1, x2):
    """A gate that outputs 1 whatever its inputs."""
    return 1
