"""numerical_diff with h = 1e-50 (the lecture's first, bad attempt): x + h rounds to x."""
KIND = "mistake"
EXPECT_HINT = "1e-50"


def numerical_diff(f, x):
    h = 1e-50
    return (f(x + h) - f(x)) / h
