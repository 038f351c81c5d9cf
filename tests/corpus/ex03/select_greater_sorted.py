"""select_greater sorts the selected elements instead of keeping X's order."""
KIND = "mistake"
EXPECT_HINT = "sorted"


def select_greater(X, threshold):
    X = np.asarray(X)
    return np.sort(X[X > threshold])
