"""Only the characters are checked: reserved words such as `for` pass as names."""
KIND = "mistake"
EXPECT_HINT = "reserved words"


def is_valid_name(name):
    return isinstance(name, str) and name.isidentifier()
