"""counts.get(word, 1) + 1: a word seen once is counted twice."""
KIND = "mistake"
EXPECT_HINT = "start from 0"


def count_words(words):
    counts = {}
    for word in words:
        counts[word] = counts.get(word, 1) + 1
    return counts
