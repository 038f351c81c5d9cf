"""Works on one input only: the batch is flattened into one long vector of sums."""
KIND = "mistake"
EXPECT_HINT = "batch"


def forward(network, x):
    x = np.asarray(x, dtype=float)
    y = x.reshape(-1, 2).sum(axis=0) if x.ndim > 1 else x
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    z1 = sigmoid(np.dot(y, W1) + b1)
    z2 = sigmoid(np.dot(z1, W2) + b2)
    return identity_function(np.dot(z2, W3) + b3)
