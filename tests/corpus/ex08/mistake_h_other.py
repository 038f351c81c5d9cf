"""numerical_diff with a central difference but h = 1e-6 instead of the lecture's 1e-4."""
KIND = "mistake"
EXPECT_HINT = "h = 1e-4"


def numerical_diff(f, x):
    h = 1e-6
    return (f(x + h) - f(x - h)) / (2 * h)
