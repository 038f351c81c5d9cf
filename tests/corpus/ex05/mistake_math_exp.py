"""math.exp on a NumPy array: math works on one number only."""
KIND = "mistake"
EXPECT_HINT = "use np.exp"

import math  # noqa: E402


def sigmoid(x):
    return 1 / (1 + math.exp(-x))
