"""softmax written straight from the formula: np.exp overflows for [1010, 1000, 990]."""
KIND = "mistake"
EXPECT_HINT = "overflow"


def softmax(a):
    a = np.asarray(a, dtype=float)
    exp_a = np.exp(a)
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)
