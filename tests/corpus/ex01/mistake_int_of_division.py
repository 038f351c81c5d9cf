"""Floor division as int(a / b): it cuts towards zero, so -7 // 2 gives -3 instead of -4."""
KIND = "mistake"
EXPECT_HINT = "towards minus infinity"


def calculate(a, b, op):
    if op == "//":
        return int(a / b)
    return _OPERATORS[op](a, b) if op in _OPERATORS else _unknown(op)


def _unknown(op):
    raise ValueError(op)
