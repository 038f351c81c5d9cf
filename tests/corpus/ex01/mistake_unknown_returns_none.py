"""An if/elif chain with no final raise: an unknown operator silently returns None."""
KIND = "mistake"
EXPECT_HINT = "raise ValueError"


def calculate(a, b, op):
    if op == "+":
        return a + b
    elif op == "-":
        return a - b
    elif op == "*":
        return a * b
    elif op == "/":
        return a / b
    elif op == "//":
        return a // b
    elif op == "%":
        return a % b
    elif op == "**":
        return a ** b
