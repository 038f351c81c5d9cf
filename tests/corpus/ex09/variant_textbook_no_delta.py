"""Correct, written differently: the textbook's Relu (writes into dout, as printed), buy_apple
computed through extra variables, SoftmaxWithLoss whose loss has no delta inside the log,
and a Sigmoid that keeps its output under another name."""
KIND = "variant"


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        dx = dout
        return dx


class Sigmoid:
    def __init__(self):
        self.y = None

    def forward(self, x):
        self.y = 1.0 / (1.0 + np.exp(-x))
        return self.y

    def backward(self, dout):
        return dout * self.y * (1.0 - self.y)


def buy_apple():
    layers = {"apple": MulLayer(), "tax": MulLayer()}
    subtotal = layers["apple"].forward(100, 2)
    total = layers["tax"].forward(subtotal, 1.1)
    d_subtotal, d_tax = layers["tax"].backward(1)
    d_apple, d_num = layers["apple"].backward(d_subtotal)
    return dict(price=total, dapple=d_apple, dapple_num=d_num, dtax=d_tax)


class SoftmaxWithLoss:
    def __init__(self):
        self.y = None
        self.labels = None
        self.shape = None

    def forward(self, x, t):
        x = np.asarray(x, dtype=float)
        self.shape = x.shape
        x = x.reshape(-1, x.shape[-1])
        t = np.asarray(t)
        self.labels = t.reshape(-1, x.shape[1]).argmax(axis=1) if t.size == x.size else t.reshape(-1).astype(int)
        self.y = softmax(x)
        rows = np.arange(len(x))
        return float(-np.log(self.y[rows, self.labels]).mean())

    def backward(self, dout=1):
        n = self.y.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.labels] -= 1
        return (dout * dx / n).reshape(self.shape)
