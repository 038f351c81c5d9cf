"""axis=1 everywhere: right for a mini-batch, but a 1-D input has no axis 1."""
KIND = "mistake"
EXPECT_HINT = "only axis 0"


def softmax(a):
    a = np.asarray(a, dtype=float)
    exp_a = np.exp(a - np.max(a, axis=1, keepdims=True))
    return exp_a / np.sum(exp_a, axis=1, keepdims=True)
