"""math.exp instead of np.exp: math works on one number, not on an array."""
KIND = "mistake"
EXPECT_HINT = "use np.exp"

import math  # noqa: E402


def softmax(a):
    a = np.asarray(a, dtype=float)
    exp_a = math.exp(a - np.max(a, axis=-1, keepdims=True))
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)
