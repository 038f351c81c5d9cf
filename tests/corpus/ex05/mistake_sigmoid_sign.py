"""exp(x) instead of exp(-x): the sigmoid function mirrored."""
KIND = "mistake"
EXPECT_HINT = "minus before x"


def sigmoid(x):
    return 1 / (1 + np.exp(x))
