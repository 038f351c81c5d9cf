_line = "x" * 999
for _ in range(50_000):  # 50 MB of output while importing
    print(_line)


def relu(x):
    for _ in range(1000):
        print("debugging relu", x)
    return np.maximum(0, x)
