"""tangent_line through (0, f(x)) instead of (x, f(x)): n = f(x)."""
KIND = "mistake"
EXPECT_HINT = "(x, f(x))"


def tangent_line(f, x):
    d = numerical_diff(f, x)
    n = f(x)
    return lambda t: d * t + n
