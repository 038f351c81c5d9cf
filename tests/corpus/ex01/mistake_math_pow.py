"""Power with math.pow, which always returns a float (125.0 instead of 125)."""
KIND = "mistake"
EXPECT_HINT = "math.pow"
import math


def calculate(a, b, op):
    if op == "**":
        return math.pow(a, b)
    if op not in _OPERATORS:
        raise ValueError(op)
    return _OPERATORS[op](a, b)
