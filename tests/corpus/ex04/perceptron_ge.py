"""perceptron fires when the weighted sum plus bias is exactly 0 (>= instead of >)."""
KIND = "mistake"
EXPECT_HINT = "not >= 0"


def perceptron(x, w, b):
    tmp = np.sum(w * x) + b
    return 1 if tmp >= 0 else 0
