"""The one-hot formula without delta: 0 * log(0) is nan for the lecture's own y."""
KIND = "mistake"
EXPECT_HINT = "delta is missing"


def cross_entropy_error(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size != y.size:
        t = np.eye(y.shape[1])[t.reshape(-1)]
    return -np.sum(t * np.log(y)) / y.shape[0]
