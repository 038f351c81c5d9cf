"""gradient_descent that adds the gradient (x += lr * grad): it climbs."""
KIND = "mistake"
EXPECT_HINT = "subtracts the gradient"


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    for i in range(step_num):
        x += lr * numerical_gradient(f, x)
    return x
