"""Export to JSON Lines with media, import into an empty install: the same pages."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.content import content_models, exported_fields

from .factories import ArticleFactory
from .site_process import SMALL_NEWSPAPER, Site, crawl, media_referenced

pytestmark = pytest.mark.django_db


def test_an_exported_newspaper_imported_into_an_empty_install_serves_the_same_pages(
    tmp_path, databases, settings
):
    old = Site(tmp_path / "old", settings.STATIC_ROOT, databases.new())
    old.manage("migrate", "--no-input", "--verbosity", "0")
    old.manage("shell", "--no-imports", "-c", SMALL_NEWSPAPER)
    old.manage("export_content", str(tmp_path / "export"))
    old.start()
    try:
        before = crawl(old)
    finally:
        old.stop()

    new = Site(tmp_path / "new", settings.STATIC_ROOT, databases.new())
    new.env["GUNICORN_BIND"], new.url = old.env["GUNICORN_BIND"], old.url  # same absolute URLs
    new.manage("migrate", "--no-input", "--verbosity", "0")
    imported = new.manage("import_content", str(tmp_path / "export"))
    assert "articles.article=7" in imported.stdout
    new.start()
    try:
        after = crawl(new)
    finally:
        new.stop()

    assert len(before) >= 20
    assert sorted(after) == sorted(before)
    different = [path for path in before if before[path] != after[path]]
    assert different == []
    missing = [name for name in media_referenced(after) if not (new.media / name).is_file()]
    assert missing == []


def test_the_export_is_json_lines_with_a_manifest_of_hashes(tmp_path):
    ArticleFactory(title="Chợ phiên vùng cao ngày cuối tuần")
    call_command("export_content", str(tmp_path / "ra"))
    manifest = json.loads((tmp_path / "ra" / "manifest.json").read_text())
    assert manifest["format"] == "newsportal-content"
    assert manifest["counts"]["articles.article"] == 1
    lines = (tmp_path / "ra" / "data" / "articles.article.jsonl").read_text().splitlines()
    (article,) = [json.loads(line) for line in lines]
    assert article["model"] == "articles.article"
    assert article["fields"]["title"] == "Chợ phiên vùng cao ngày cuối tuần"
    assert "created_by" not in article["fields"]  # accounts are not exported
    assert "search_vector" not in article["fields"]
    assert set(manifest["files"]) >= {"data/articles.article.jsonl", "data/photos.photo.jsonl"}


def test_import_refuses_an_install_that_already_has_content(tmp_path):
    ArticleFactory()
    call_command("export_content", str(tmp_path / "ra"))
    with pytest.raises(CommandError, match="Trang đích đã có nội dung"):
        call_command("import_content", str(tmp_path / "ra"))


def test_import_refuses_an_altered_export(tmp_path):
    call_command("export_content", str(tmp_path / "ra"))
    (tmp_path / "ra" / "data" / "articles.category.jsonl").write_text("{}\n")
    with pytest.raises(CommandError, match="bị hỏng"):
        call_command("import_content", str(tmp_path / "ra"))


def test_every_model_of_the_content_apps_is_exported_without_user_references():
    labels = [model._meta.label_lower for model in content_models()]
    assert labels.index("articles.category") < labels.index("articles.article")
    assert labels.index("articles.article") < labels.index("comments.comment")
    assert {"photos.photo", "readership.dailyarticleviews", "archive.legacyredirect"} <= set(labels)
    for model in content_models():
        assert "created_by" not in exported_fields(model)
