"""select_greater returns the boolean mask itself instead of indexing X with it."""
KIND = "mistake"
EXPECT_HINT = "boolean mask"


def select_greater(X, threshold):
    return np.asarray(X) > threshold
