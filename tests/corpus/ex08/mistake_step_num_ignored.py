"""gradient_descent that always runs 100 steps, whatever step_num says."""
KIND = "mistake"
EXPECT_HINT = "step_num"


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    for i in range(100):
        x -= lr * numerical_gradient(f, x)
    return x
