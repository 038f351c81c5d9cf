"""x >= 0: the step function is 1 at x = 0."""
KIND = "mistake"
EXPECT_HINT = "not x >= 0"


def step_function(x):
    return np.array(np.asarray(x) >= 0, dtype=np.int64)
