"""Prints the greeting instead of returning it."""
KIND = "mistake"
EXPECT_HINT = "print() only shows it"


def hello(name=None):
    if name is None:
        print("Hello World!")
    else:
        print("Hello " + name + "!")
