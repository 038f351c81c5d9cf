"""gradient_descent as printed in the textbook: x = init_x, so x -= ... changes the caller's array."""
KIND = "mistake"
EXPECT_HINT = "init_x"


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for i in range(step_num):
        grad = numerical_gradient(f, x)
        x -= lr * grad
    return x
