"""No isinstance check: 123.isidentifier() raises AttributeError."""
KIND = "mistake"
EXPECT_HINT = "isinstance(name, str)"


def is_valid_name(name):
    return name.isidentifier() and not keyword.iskeyword(name)
