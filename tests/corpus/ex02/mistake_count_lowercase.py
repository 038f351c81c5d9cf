"""Lower-cases the words: 'Deep' and 'deep' are merged."""
KIND = "mistake"
EXPECT_HINT = "no lower-casing"


def count_words(words):
    counts = {}
    for word in words:
        word = word.lower()
        counts[word] = counts.get(word, 0) + 1
    return counts
