"""name[0] is read before checking that the name is not empty: '' raises IndexError."""
KIND = "mistake"
EXPECT_HINT = "empty string"


def is_valid_name(name):
    if not isinstance(name, str):
        return False
    if not (name[0].isalpha() or name[0] == "_"):
        return False
    for ch in name[1:]:
        if not (ch.isalnum() or ch == "_"):
            return False
    return not keyword.iskeyword(name)
