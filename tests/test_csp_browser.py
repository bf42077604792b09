"""The strict Content-Security-Policy holds in a real browser: nothing on a page is refused."""

import pytest
from django.urls import reverse

from .factories import ArticleFactory, StaffFactory, TagFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def csp_violations(page):
    """Chromium reports every resource or inline code it refuses under the policy."""
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message),
    )
    return violations


def test_reader_pages_load_without_a_csp_violation(live_server, page, csp_violations):
    article = ArticleFactory(tags=[TagFactory()])
    for url in ["/", article.category.get_absolute_url(), article.get_absolute_url()]:
        response = page.goto(live_server.url + url)
        assert "default-src 'self'" in response.headers["content-security-policy"]
    assert [message.text for message in csp_violations] == []


def test_admin_pages_an_editor_uses_load_without_a_csp_violation(live_server, page, csp_violations):
    article = ArticleFactory()
    StaffFactory(username="bientap")
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem")
    page.get_by_role("button").last.click()
    page.wait_for_url(live_server.url + reverse("admin:index"))
    seen = {}
    for url in [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
    ]:
        before = len(csp_violations)
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        seen[url] = [message.text for message in csp_violations[before:]]
    assert seen == {url: [] for url in seen}
