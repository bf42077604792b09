"""The English-string checker of the admin's browser tests finds English, and only English."""

import pytest

from .english_ui import english_patterns, is_english_ui


def test_the_checker_knows_django_select2_and_the_editors_strings():
    assert len(english_patterns()) > 500


@pytest.mark.parametrize(
    "text",
    [
        "Please correct the error below.",
        "Select bài viết to change",  # a placeholder stands for any text
        "HISTORY",  # as CSS upper-cases it
        "0 of 3 selected",
        "paragraph",
        "Heading 2",
        "insert link",
        "Insert Figure",
        "Alternative Text",
        "Browse...",
        "The results could not be loaded.",
        "Search",
    ],
)
def test_english_ui_text_is_found(text):
    assert is_english_ui(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lịch sử",
        "Thêm",
        "đã chọn 0/3",
        "Vui lòng sửa các lỗi bên dưới.",
        "WebP 180 byte, JPEG 1,0 KB",  # "%s KB" is no sentence
        "Email",
        "Lúa nương vùng cao chín sớm",
    ],
)
def test_vietnamese_and_shared_words_pass(text):
    assert not is_english_ui(text)
