"""The minimum is subtracted instead of the maximum: exp of the largest input still overflows."""
KIND = "mistake"
EXPECT_HINT = "subtract the minimum"


def softmax(a):
    a = np.asarray(a, dtype=float)
    exp_a = np.exp(a - np.min(a, axis=-1, keepdims=True))
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)
