"""Parentheses missing: 1 / 1 + np.exp(-x) is (1 / 1) + np.exp(-x)."""
KIND = "mistake"
EXPECT_HINT = "Operator precedence"


def sigmoid(x):
    return 1 / 1 + np.exp(-x)
