"""center_columns subtracts in place: np.asarray does not copy a float array, so the caller's X changes."""
KIND = "mistake"
EXPECT_HINT = "in place"


def center_columns(X):
    X = np.asarray(X, dtype=float)
    X -= X.mean(axis=0)
    return X
