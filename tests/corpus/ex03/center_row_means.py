"""center_columns subtracts the row means (axis=1) instead of the column means."""
KIND = "mistake"
EXPECT_HINT = "row means"


def center_columns(X):
    X = np.asarray(X, dtype=float)
    return X - X.mean(axis=1, keepdims=True)
