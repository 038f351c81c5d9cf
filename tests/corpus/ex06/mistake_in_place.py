"""`a -= c` writes into the caller's float array (np.asarray does not copy it)."""
KIND = "mistake"
EXPECT_HINT = "writes into the caller's array"


def softmax(a):
    a = np.asarray(a, dtype=float)
    a -= np.max(a, axis=-1, keepdims=True)
    exp_a = np.exp(a)
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)
