"""Sets every count to 1 instead of adding 1."""
KIND = "mistake"
EXPECT_HINT = "add 1 each time"


def count_words(words):
    counts = {}
    for word in words:
        counts[word] = 1
    return counts
