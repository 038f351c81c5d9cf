"""Only the one-hot formula: class labels are multiplied with log(y) as if they were one-hot."""
KIND = "mistake"
EXPECT_HINT = "class labels"


def cross_entropy_error(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    return -np.sum(t * np.log(y + 1e-7)) / y.shape[0]
