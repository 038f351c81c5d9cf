"""Compact alternatives: a list for the tuple, np.extract, np.divide with keepdims sums, a pyplot-free title."""
KIND = "variant"


def elementwise(x, y):
    x, y = np.array(x, dtype=float), np.array(y, dtype=float)
    return [np.add(x, y), np.subtract(x, y), np.multiply(x, y), np.true_divide(x, y)]


def sub_block(a):
    a = np.asarray(a)
    return a[:2][:, 1:3]


def select_greater(X, threshold):
    X = np.asarray(X)
    return np.extract(X > threshold, X)


def center_columns(X):
    X = np.array(X, dtype=float)  # a copy, so subtracting in place is safe
    X -= X.mean(axis=0)
    return X


def normalize_rows(X):
    X = np.asarray(X, dtype=float)
    return np.divide(X, X.sum(axis=1, keepdims=True))
