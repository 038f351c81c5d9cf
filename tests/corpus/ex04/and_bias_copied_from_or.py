"""AND copied from OR without changing the bias: b = -0.2 instead of -0.7."""
KIND = "mistake"
EXPECT_HINT = "bias b = -0.7"


def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2
    return perceptron(x, w, b)
