import pytest
from django.urls import reverse

from articles.models import Article

from .factories import ArticleFactory, AuthorFactory, CategoryFactory, PhotoFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["article", "category", "author", "tag"])
def test_admin_list_and_add_pages_load(staff_client, model):
    ArticleFactory(tags=[TagFactory()])
    assert staff_client.get(reverse(f"admin:articles_{model}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"admin:articles_{model}_add")).status_code == 200


def test_article_change_page_loads_with_view_on_site(staff_client):
    article = ArticleFactory()
    response = staff_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert "Xem trên trang" in response.text or "view on site" in response.text.lower()


def test_article_changelist_filters_and_search_work(staff_client):
    ArticleFactory(title="Tìm thấy bài này")
    url = reverse("admin:articles_article_changelist")
    response = staff_client.get(url, {"q": "Tìm thấy", "status__exact": "published"})
    assert response.status_code == 200
    assert "Tìm thấy bài này" in response.text


def test_publish_action_makes_selected_drafts_visible(staff_client):
    drafts = [ArticleFactory(draft=True, cover=PhotoFactory()) for _ in range(2)]
    response = staff_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]},
    )
    assert response.status_code == 302
    assert Article.objects.published().count() == 2


def test_unpublish_action_hides_selected_articles(staff_client):
    article = ArticleFactory()
    staff_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish_selected", "_selected_action": [article.pk]},
    )
    assert not Article.objects.published().exists()


def test_editor_creates_an_article_in_the_admin_and_its_slug_folds_vietnamese(staff_client):
    category, author = CategoryFactory(), AuthorFactory()
    response = staff_client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "Đổi mới công tác dân vận",
            "slug": "",
            "category": category.pk,
            "sapo": "Sapo.",
            "body": "<p>Thân bài.</p>",
            "authors": [author.pk],
            "workflow": "publish",
            "publish_without_cover": "on",
            "published_at_0": "",
            "published_at_1": "",
            "comments_enabled": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.slug == "doi-moi-cong-tac-dan-van"
    assert article.is_visible


def test_admin_is_in_vietnamese(staff_client):
    assert "Tòa soạn" in staff_client.get(reverse("admin:index")).text
