"""'/' and '//' mixed up: '/' does floor division and '//' true division."""
KIND = "mistake"
EXPECT_HINT = "gave the result of '//'"


def calculate(a, b, op):
    if op == "+":
        return a + b
    elif op == "-":
        return a - b
    elif op == "*":
        return a * b
    elif op == "/":
        return a // b
    elif op == "//":
        return a / b
    elif op == "%":
        return a % b
    elif op == "**":
        return a ** b
    raise ValueError(op)
