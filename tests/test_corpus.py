"""Every plausible mistake loses points and its hint names it; every correct variant earns full marks."""
import pytest

from corpus_tools import cases, grade_case, names_mistake

CASES = cases()


def test_corpus_is_populated():
    kinds = {(c.exercise.number, c.kind) for c in CASES}
    for number in range(1, 10):
        assert (number, "mistake") in kinds, f"exercise {number} has no mistakes in tests/corpus"
        assert (number, "variant") in kinds, f"exercise {number} has no variants in tests/corpus"


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "mistake"], ids=lambda c: c.id)
def test_mistake_is_caught_and_named(case, tmp_path):
    assert case.expect_hint, f"{case.path} has no EXPECT_HINT"
    result = grade_case(case, tmp_path)
    assert result.score < result.max_score, f"{case.id} earned full marks"
    lost = [(c.name, c.status, c.hint.en if c.hint else "", c.message.en if c.message else "")
            for c in result.checks if c.status != "passed"]
    assert names_mistake(result, case.expect_hint), \
        f"no failing check of {case.id} mentions {case.expect_hint!r}: {lost}"


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "variant"], ids=lambda c: c.id)
def test_variant_earns_full_marks(case, tmp_path):
    result = grade_case(case, tmp_path)
    lost = [(c.name, c.status, c.message.en if c.message else "") for c in result.checks if c.status != "passed"]
    assert result.score == result.max_score == 10, f"{case.id}: {result.score}/{result.max_score}, lost {lost}"
