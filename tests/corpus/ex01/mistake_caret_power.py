"""Power written with '^' (as in math notation), which is bitwise XOR in Python."""
KIND = "mistake"
EXPECT_HINT = "bitwise XOR"


def calculate(a, b, op):
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    if op == "//":
        return a // b
    if op == "%":
        return a % b
    if op == "**":
        return a ^ b
    raise ValueError(op)
