import pytest

from articles.slugs import vietnamese_slugify

from .factories import ArticleFactory, CategoryFactory


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đổi mới công tác dân vận", "doi-moi-cong-tac-dan-van"),
        ("ĐỊA ĐIỂM ĐẸP ở Đà Lạt", "dia-diem-dep-o-da-lat"),
        ("Thời sự - Chính trị", "thoi-su-chinh-tri"),
        ("Bản tin thời tiết ngày 2/1", "ban-tin-thoi-tiet-ngay-21"),
    ],
)
def test_vietnamese_text_folds_to_an_ascii_slug(text, slug):
    assert vietnamese_slugify(text) == slug


def test_decomposed_vietnamese_folds_like_composed():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Đổi mới công tác dân vận")
    assert vietnamese_slugify(decomposed) == "doi-moi-cong-tac-dan-van"


@pytest.mark.django_db
def test_article_created_in_code_gets_its_slug_from_the_title():
    article = ArticleFactory(title="Đổi mới công tác dân vận")
    assert article.slug == "doi-moi-cong-tac-dan-van"


@pytest.mark.django_db
def test_a_second_article_with_the_same_title_gets_a_distinct_slug():
    first = ArticleFactory(title="Đổi mới công tác dân vận")
    second = ArticleFactory(title="Đổi mới công tác dân vận")
    assert first.slug != second.slug
    assert second.slug == "doi-moi-cong-tac-dan-van-2"


@pytest.mark.django_db
def test_category_slug_is_filled_in_automatically():
    assert CategoryFactory(name="Văn hóa - Xã hội").slug == "van-hoa-xa-hoi"
