"""Row maximum and sum taken without keepdims: they do not broadcast back over the rows."""
KIND = "mistake"
EXPECT_HINT = "keepdims"


def softmax(a):
    a = np.asarray(a, dtype=float)
    exp_a = np.exp(a - np.max(a, axis=-1))
    return exp_a / np.sum(exp_a, axis=-1)
