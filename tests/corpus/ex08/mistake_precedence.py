"""numerical_diff written as ... / 2*h: divides by 2, then multiplies by h."""
KIND = "mistake"
EXPECT_HINT = "precedence"


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / 2*h
