"""elementwise uses floor division // for the quotient."""
KIND = "mistake"
EXPECT_HINT = "floor division"


def elementwise(x, y):
    x = np.asarray(x)
    y = np.asarray(y)
    return x + y, x - y, x * y, x // y
