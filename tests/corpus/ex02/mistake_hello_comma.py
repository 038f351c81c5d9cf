"""'Hello, World!' with a comma, as in many tutorials."""
KIND = "mistake"
EXPECT_HINT = "no comma"


def hello(name=None):
    if name is None:
        name = "World"
    return f"Hello, {name}!"
