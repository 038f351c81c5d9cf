"""np.minimum instead of np.maximum."""
KIND = "mistake"
EXPECT_HINT = "not np.minimum"


def relu(x):
    return np.minimum(0, x)
