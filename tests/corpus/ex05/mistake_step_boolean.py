"""Returns the comparison itself: a boolean array, not 0/1 integers."""
KIND = "mistake"
EXPECT_HINT = "convert them to integers"


def step_function(x):
    return np.asarray(x) > 0
