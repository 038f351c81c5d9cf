"""perceptron returns the comparison itself, a bool, instead of 1 or 0."""
KIND = "mistake"
EXPECT_HINT = "bool"


def perceptron(x, w, b):
    return np.sum(w * x) + b > 0
