"""numerical_diff and numerical_gradient with the forward difference (f(x+h) - f(x)) / h."""
KIND = "mistake"
EXPECT_HINT = "forward difference"


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x)) / h


def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        fx = f(x)
        x[idx] = tmp_val + h
        fxh = f(x)
        grad[idx] = (fxh - fx) / h
        x[idx] = tmp_val
        it.iternext()
    return grad
