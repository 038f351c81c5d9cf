"""A dict of operators looked up directly: an unknown operator raises KeyError, not ValueError."""
KIND = "mistake"
EXPECT_HINT = "KeyError"


def calculate(a, b, op):
    ops = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
           "//": operator.floordiv, "%": operator.mod, "**": operator.pow}
    return ops[op](a, b)
