"""Formats the name without handling None: hello() gives 'Hello None!'."""
KIND = "mistake"
EXPECT_HINT = "no name is given"


def hello(name=None):
    return f"Hello {name}!"
