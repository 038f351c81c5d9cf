"""Both operands converted to float first: 5 + 3 gives 8.0 instead of 8."""
KIND = "mistake"
EXPECT_HINT = "without converting"


def calculate(a, b, op):
    a, b = float(a), float(b)
    if op not in _OPERATORS:
        raise ValueError(op)
    return _OPERATORS[op](a, b)
