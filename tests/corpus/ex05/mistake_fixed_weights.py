"""forward ignores its `network` argument and always uses the lecture's weights."""
KIND = "mistake"
EXPECT_HINT = "weights from `network`"


def forward(network, x):
    network = init_network()
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    z1 = sigmoid(np.dot(x, W1) + b1)
    z2 = sigmoid(np.dot(z1, W2) + b2)
    return identity_function(np.dot(z2, W3) + b3)
