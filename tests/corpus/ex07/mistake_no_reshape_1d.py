"""The batch formula without the 1-D reshape: one example is divided by the number of classes."""
KIND = "mistake"
EXPECT_HINT = "number of classes"


def cross_entropy_error(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.size != y.size:
        t = np.eye(y.shape[-1])[t]
    batch_size = y.shape[0]
    return -np.sum(t * np.log(y + 1e-7)) / batch_size
