"""The output layer also applies the sigmoid function instead of the identity function."""
KIND = "mistake"
EXPECT_HINT = "identity"


def forward(network, x):
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    z1 = sigmoid(np.dot(x, W1) + b1)
    z2 = sigmoid(np.dot(z1, W2) + b2)
    return sigmoid(np.dot(z2, W3) + b3)
