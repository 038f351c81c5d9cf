"""The factor 0.5 is forgotten."""
KIND = "mistake"
EXPECT_HINT = "0.5 is missing"


def mean_squared_error(y, t):
    return np.sum((np.asarray(y, dtype=float) - np.asarray(t, dtype=float)) ** 2)
