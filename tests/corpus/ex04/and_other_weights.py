"""AND with weights (1, 1) and bias -1.5: right on 0 and 1, but not the lecture's perceptron."""
KIND = "mistake"
EXPECT_HINT = "lecture's weights w = (0.5, 0.5)"


def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([1.0, 1.0])
    b = -1.5
    return perceptron(x, w, b)
