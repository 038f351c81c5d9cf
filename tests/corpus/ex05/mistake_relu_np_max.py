"""np.max(0, x) for np.maximum(0, x): np.max reads x as an axis."""
KIND = "mistake"
EXPECT_HINT = "is not relu"


def relu(x):
    return np.max(0, x)
