"""Label indexing with np.take_along_axis and np.mean over the batch."""
KIND = "variant"


def cross_entropy_error(y, t):
    y = np.atleast_2d(np.asarray(y, dtype=float))
    t = np.asarray(t)
    if t.size == y.size:
        labels = t.reshape(y.shape).argmax(axis=-1)
    else:
        labels = t.reshape(-1).astype(np.int64)
    p = np.take_along_axis(y, labels[:, None], axis=1)[:, 0]
    return float(np.mean(-np.log(p + 1e-7)))
