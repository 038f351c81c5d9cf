"""The maximum is subtracted in the numerator only; the denominator still sums np.exp(a)."""
KIND = "mistake"
EXPECT_HINT = "same exp_a"


def softmax(a):
    a = np.asarray(a, dtype=float)
    c = np.max(a, axis=-1, keepdims=True)
    return np.exp(a - c) / np.sum(np.exp(a), axis=-1, keepdims=True)
