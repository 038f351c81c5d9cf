"""perceptron returns the floats 1.0 and 0.0 (np.heaviside) instead of integers."""
KIND = "mistake"
EXPECT_HINT = "not the floats"


def perceptron(x, w, b):
    return float(np.heaviside(np.sum(w * x) + b, 0.0))
