"""The textbook one-hot formula -sum(t * log(y + delta)); class labels become one-hot rows first."""
KIND = "variant"


def cross_entropy_error(y, t):
    delta = 1e-7
    y = np.array(y, dtype=float)
    t = np.array(t)
    if y.ndim == 1:
        y = y.reshape(1, y.size)
        t = t.reshape(1, t.size)
    if t.size != y.size:
        t = np.eye(y.shape[1])[t.reshape(-1)]
    return -np.sum(t * np.log(y + delta)) / y.shape[0]


def mean_squared_error(y, t):
    d = (np.asarray(y, dtype=float) - np.asarray(t, dtype=float)).ravel()
    return np.dot(d, d) / 2
