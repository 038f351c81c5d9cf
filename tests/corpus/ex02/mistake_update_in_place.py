"""`updated = profile` is not a copy: the caller's dict gets the new key."""
KIND = "mistake"
EXPECT_HINT = "does not copy"


def with_update(profile, key, value):
    updated = profile
    updated[key] = value
    return updated
