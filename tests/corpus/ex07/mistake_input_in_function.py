"""input() left in a function, from stepping through it by hand."""
KIND = "mistake"
EXPECT_HINT = "standard input is closed"


def mean_squared_error(y, t):
    input("press Enter to continue")
    return 0.5 * np.sum((np.asarray(y, dtype=float) - np.asarray(t, dtype=float)) ** 2)
