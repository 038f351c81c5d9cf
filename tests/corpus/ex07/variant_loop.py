"""Python loops over the examples (and over the elements for the squared error)."""
KIND = "variant"
import math


def mean_squared_error(y, t):
    total = 0.0
    for yi, ti in zip(np.ravel(y), np.ravel(t)):
        total += (float(yi) - float(ti)) ** 2
    return 0.5 * total


def cross_entropy_error(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    rows = [y] if y.ndim == 1 else list(y)
    targets = [t] if y.ndim == 1 else list(t)
    losses = []
    for row, target in zip(rows, targets):
        target = np.asarray(target)
        label = int(np.argmax(target)) if target.size == row.size else int(target)
        losses.append(-math.log(row[label] + 1e-7))
    return sum(losses) / len(losses)
