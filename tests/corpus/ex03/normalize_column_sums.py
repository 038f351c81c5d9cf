"""normalize_rows divides by the column sums (axis=0) instead of the row sums."""
KIND = "mistake"
EXPECT_HINT = "column sums"


def normalize_rows(X):
    X = np.asarray(X, dtype=float)
    return X / X.sum(axis=0, keepdims=True)
