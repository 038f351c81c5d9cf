"""gradient_descent whose loop runs step_num + 1 times (range(step_num + 1))."""
KIND = "mistake"
EXPECT_HINT = "off by one"


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    for i in range(step_num + 1):
        x -= lr * numerical_gradient(f, x)
    return x
