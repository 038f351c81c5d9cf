"""numerical_diff prints the derivative instead of returning it."""
KIND = "mistake"
EXPECT_HINT = "printed (f(x + h) - f(x - h)) / (2 * h)"


def numerical_diff(f, x):
    h = 1e-4
    print((f(x + h) - f(x - h)) / (2 * h))
