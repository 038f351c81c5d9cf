"""perceptron forgets to add the bias b."""
KIND = "mistake"
EXPECT_HINT = "bias b is missing"


def perceptron(x, w, b):
    tmp = np.sum(w * x)
    return 1 if tmp > 0 else 0
