"""Normalised along axis=0: for a mini-batch that is each column, not each row."""
KIND = "mistake"
EXPECT_HINT = "each column"


def softmax(a):
    a = np.asarray(a, dtype=float)
    exp_a = np.exp(a - np.max(a, axis=0, keepdims=True))
    return exp_a / np.sum(exp_a, axis=0, keepdims=True)
