"""normalize_rows divides by the row sums without keepdims=True."""
KIND = "mistake"
EXPECT_HINT = "keepdims"


def normalize_rows(X):
    X = np.asarray(X, dtype=float)
    return X / X.sum(axis=1)
