"""The lecture's dtype=np.int, which no longer exists in NumPy."""
KIND = "mistake"
EXPECT_HINT = "np.int no longer exists"


def step_function(x):
    return np.array(x > 0, dtype=np.int)
