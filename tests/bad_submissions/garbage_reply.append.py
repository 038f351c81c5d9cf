def sigmoid(x):
    import os, sys
    os.write(int(sys.argv[2]), b"\x00\x00\x00\x00\x00\x00\x10\x00garbage")  # promises more than it sends
    while True:
        pass
