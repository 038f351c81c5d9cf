"""Reserved words compared case-insensitively: 'For' and 'true' are wrongly rejected."""
KIND = "mistake"
EXPECT_HINT = "case matters"


def is_valid_name(name):
    if not isinstance(name, str):
        return False
    return name.isidentifier() and name.lower() not in [w.lower() for w in keyword.kwlist]
