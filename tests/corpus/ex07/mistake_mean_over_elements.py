"""np.mean over every element of t * log(y): divides by N * C instead of the batch size N."""
KIND = "mistake"
EXPECT_HINT = "number of elements"


def cross_entropy_error(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size != y.size:
        t = np.eye(y.shape[1])[t.reshape(-1)]
    return -np.mean(t * np.log(y + 1e-7))
