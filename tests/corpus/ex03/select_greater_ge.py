"""select_greater keeps the elements equal to the threshold too (>= instead of >)."""
KIND = "mistake"
EXPECT_HINT = "not >="


def select_greater(X, threshold):
    X = np.asarray(X)
    return X[X >= threshold]
