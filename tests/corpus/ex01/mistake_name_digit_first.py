"""Every character is checked, but not that the first one is not a digit: '1st' passes."""
KIND = "mistake"
EXPECT_HINT = "start with a digit"


def is_valid_name(name):
    if not isinstance(name, str) or name == "":
        return False
    for ch in name:
        if not (ch.isalnum() or ch == "_"):
            return False
    return not keyword.iskeyword(name)
