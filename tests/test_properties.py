"""Property-based tests (hypothesis) for the two text rules readers and editors meet most."""

import re
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.slugs import vietnamese_slugify
from comments.forms import CommentTextField
from comments.models import MAX_LENGTH, MIN_LENGTH, normalize_text

VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
VIETNAMESE_LETTERS += VIETNAMESE_LETTERS.upper()
vietnamese_words = st.lists(
    st.text(alphabet=VIETNAMESE_LETTERS, min_size=1, max_size=12), min_size=1, max_size=12
)
any_text = st.text(max_size=300)
normal_forms = st.sampled_from(["NFC", "NFD"])
fast_enough = hypothesis_settings(deadline=None)

# --- Slugs (articles/slugs.py) ---------------------------------------------------


@fast_enough
@given(any_text, st.integers(min_value=1, max_value=200))
def test_a_slug_is_lowercase_ascii_words_joined_by_hyphens_within_its_length(text, max_length):
    slug = vietnamese_slugify(text, max_length=max_length)
    assert re.fullmatch(r"[a-z0-9_-]*", slug)
    assert len(slug) <= max_length
    assert not slug.startswith("-") and not slug.endswith("-")
    assert "--" not in slug


@fast_enough
@given(any_text)
def test_slugging_a_slug_changes_nothing(text):
    slug = vietnamese_slugify(text)
    assert vietnamese_slugify(slug) == slug


@fast_enough
@given(vietnamese_words, normal_forms)
def test_every_vietnamese_letter_becomes_exactly_one_ascii_letter(words, form):
    title = unicodedata.normalize(form, " ".join(words))
    assert vietnamese_slugify(title, max_length=1000) == "-".join(
        "".join(unicodedata.normalize("NFD", letter)[0] for letter in word)
        .lower()
        .replace("đ", "d")
        for word in words
    )


@fast_enough
@given(vietnamese_words)
def test_d_with_stroke_and_plain_d_give_the_same_slug(words):
    title = " ".join(words)
    stroked = title.replace("d", "đ").replace("D", "Đ")
    assert vietnamese_slugify(stroked) == vietnamese_slugify(title)


# --- The comment length rule (comments/forms.py, comments/models.py) -----------------


def verdict(text):
    try:
        return CommentTextField().clean(text)
    except ValidationError:
        return None


@fast_enough
@given(any_text)
def test_a_comment_is_taken_exactly_when_its_normalised_text_has_5_to_500_characters(text):
    normalised = normalize_text(text)
    expected = normalised if MIN_LENGTH <= len(normalised) <= MAX_LENGTH else None
    assert verdict(text) == expected


@fast_enough
@given(
    st.sampled_from([MIN_LENGTH - 1, MIN_LENGTH, MAX_LENGTH, MAX_LENGTH + 1]).flatmap(
        lambda n: st.text(alphabet=VIETNAMESE_LETTERS + " \n", min_size=n, max_size=n).filter(
            lambda t: t == t.strip()
        )
    ),
    normal_forms,
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_the_length_limits_hold_at_the_boundary_whatever_the_encoding(text, form, line_break):
    typed = unicodedata.normalize(form, text).replace("\n", line_break)
    taken = verdict(typed)
    assert (taken is not None) == (MIN_LENGTH <= len(text) <= MAX_LENGTH)
    if taken is not None:
        assert taken == text


@fast_enough
@given(any_text)
def test_normalising_comment_text_twice_changes_nothing(text):
    assert normalize_text(normalize_text(text)) == normalize_text(text)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_the_boundary_strategy_reaches_both_sides_of_each_limit(form):
    """Guard against a vacuous property: the limits really refuse and accept."""
    assert verdict(unicodedata.normalize(form, "ạ" * MIN_LENGTH)) is not None
    assert verdict(unicodedata.normalize(form, "ạ" * (MIN_LENGTH - 1))) is None
    assert verdict(unicodedata.normalize(form, "ạ" * MAX_LENGTH)) is not None
    assert verdict(unicodedata.normalize(form, "ạ" * (MAX_LENGTH + 1))) is None
