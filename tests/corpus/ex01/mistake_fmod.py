"""The remainder from math.fmod, which keeps the sign of a (C's remainder), not Python's %."""
KIND = "mistake"
EXPECT_HINT = "sign of the divisor"
import math


def calculate(a, b, op):
    if op == "%":
        return math.fmod(a, b)
    if op not in _OPERATORS:
        raise ValueError(op)
    return _OPERATORS[op](a, b)
