"""predict applies the sigmoid function in the output layer too (as in the hidden layers).

A learner who has finished part 1 (inference) and not started part 2 yet.
"""
KIND = "mistake"
EXPECT_HINT = "output layer applies the sigmoid"


def predict(network, x):
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    z1 = sigmoid(np.dot(x, W1) + b1)
    z2 = sigmoid(np.dot(z1, W2) + b2)
    return sigmoid(np.dot(z2, W3) + b3)


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        raise NotImplementedError


def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, seed=None):
    raise NotImplementedError


def plot_history(history):
    raise NotImplementedError
