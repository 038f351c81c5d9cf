"""The expression built as text and evaluated: '^' gives 6 and -2 ** 2 is read as -(2 ** 2)."""
KIND = "mistake"
EXPECT_HINT = "eval"


def calculate(a, b, op):
    return eval(f"{a}{op}{b}")
