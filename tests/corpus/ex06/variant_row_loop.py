"""A Python loop over the rows of a 2-D view; the 1-D case is a batch of one."""
KIND = "variant"


def softmax(a):
    x = np.asarray(a, dtype=float)
    rows = np.atleast_2d(x)
    out = np.zeros(rows.shape)
    for i in range(rows.shape[0]):
        row = rows[i] - max(rows[i])
        e = np.exp(row)
        out[i] = e / e.sum()
    return out.reshape(x.shape)


def naive_softmax(a):
    return np.exp(a) / np.exp(a).sum()
