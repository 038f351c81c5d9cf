"""'Mean' squared error taken literally: np.mean instead of 0.5 * np.sum."""
KIND = "mistake"
EXPECT_HINT = "not np.mean"


def mean_squared_error(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t, dtype=float)
    return np.mean((y - t) ** 2)
