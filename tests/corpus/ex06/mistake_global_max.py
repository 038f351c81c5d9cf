"""Row-wise sum, but the maximum of the whole batch is subtracted: rows far below it underflow."""
KIND = "mistake"
EXPECT_HINT = "each row's own maximum"


def softmax(a):
    a = np.asarray(a, dtype=float)
    exp_a = np.exp(a - np.max(a))
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)
