"""gradient_descent as in the textbook's gradient_method.py: returns (x, x_history)."""
KIND = "mistake"
EXPECT_HINT = "return only x"


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    x_history = []
    for i in range(step_num):
        x_history.append(x.copy())
        x -= lr * numerical_gradient(f, x)
    return x, np.array(x_history)
