"""Returns what dict.update() returns, which is None."""
KIND = "mistake"
EXPECT_HINT = "returns None"


def with_update(profile, key, value):
    updated = dict(profile)
    return updated.update({key: value})
