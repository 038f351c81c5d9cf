"""Zeroes the negative entries of the caller's array in place."""
KIND = "mistake"
EXPECT_HINT = "changed its input"


def relu(x):
    x[x < 0] = 0
    return x
