"""elementwise returns the product and the difference in the wrong places."""
KIND = "mistake"
EXPECT_HINT = "keep the order"


def elementwise(x, y):
    x = np.asarray(x)
    y = np.asarray(y)
    return x + y, x * y, x - y, x / y
