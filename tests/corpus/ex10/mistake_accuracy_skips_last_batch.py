"""accuracy loops over len(x) // batch_size full batches, so a last, shorter batch is never counted.

A learner who has finished part 1 (inference) and not started part 2 yet.
"""
KIND = "mistake"
EXPECT_HINT = "last, shorter batch"


def accuracy(network, x, t, batch_size=100):
    accuracy_cnt = 0
    for i in range(len(x) // batch_size):
        x_batch = x[i * batch_size:(i + 1) * batch_size]
        y_batch = predict(network, x_batch)
        p = np.argmax(y_batch, axis=1)
        accuracy_cnt += np.sum(p == t[i * batch_size:(i + 1) * batch_size])
    return accuracy_cnt / len(x)


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        raise NotImplementedError


def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, seed=None):
    raise NotImplementedError


def plot_history(history):
    raise NotImplementedError
