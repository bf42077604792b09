"""Import a WordPress site from its export file (WXR: Tools → Export → All content).

Posts become articles (published, scheduled, pending or draft as they were),
categories sections, tags tags, post authors authors, featured images library
photos (with their caption and alt text) and comments comments, moderated as
they were. Every old address — the post's permalink, `/?p=<id>`, the category,
tag and author archives — answers 301 with the new page (LegacyRedirect).

Images are read from a copy of the old site's `wp-content/uploads` folder
(`--uploads`), never fetched over the network. Running the import again skips
the posts already imported (their `/?p=<id>` redirect exists).
"""

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.models import Article, Author, Category, Tag
from articles.slugs import vietnamese_slugify
from comments.models import MAX_LENGTH, MIN_LENGTH, Comment, normalize_name, normalize_text
from photos.models import Photo

from .models import LegacyRedirect

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # scheduled: goes live at its time by itself
    "pending": Article.Status.PENDING,
    "draft": Article.Status.DRAFT,
    "auto-draft": Article.Status.DRAFT,
    "private": Article.Status.DRAFT,
}
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
}
UNCATEGORISED = "Chưa phân loại"
SAPO_LENGTH = 300


@dataclass
class Report:
    articles: int = 0
    skipped: int = 0
    photos: int = 0
    comments: int = 0
    redirects: list = field(default_factory=list)  # (old path, new path)
    warnings: list = field(default_factory=list)


def text(element, path):
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None and found.text else ""


def wp_time(value):
    """WordPress's `post_date_gmt` ("2024-03-15 01:30:00", UTC); None for "0000-00-00…"."""
    if not value or value.startswith("0000"):
        return None
    return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


def paragraphs(body):
    """WordPress stores paragraphs as blank-line-separated text (its `wpautop` adds <p>)."""
    if re.search(r"<p[\s>]", body):
        return body
    blocks = [block.strip() for block in re.split(r"\n\s*\n", body) if block.strip()]
    return "".join(f"<p>{block.replace(chr(10), '<br>')}</p>" for block in blocks)


def old_path(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def items(path, post_type):
    """The <item>s of one post type, streamed (an export may be hundreds of megabytes)."""
    for _event, element in ET.iterparse(path, events=("end",)):
        if element.tag == "item":
            if text(element, "wp:post_type") == post_type:
                yield element
            element.clear()


class WordPressImport:
    def __init__(self, path, *, uploads=None):
        self.path = Path(path)
        self.uploads = Path(uploads) if uploads else None
        self.report = Report()
        self.authors, self.sections = {}, {}

    def run(self):
        channel = self._channel()
        site_url = text(channel, "wp:base_blog_url") or text(channel, "link")
        self.site_path = urlsplit(site_url).path.rstrip("/")
        for element in channel.findall("wp:author", NS):
            self._author(text(element, "wp:author_login"), text(element, "wp:author_display_name"))
        for element in channel.findall("wp:category", NS):
            self._section(text(element, "wp:category_nicename"), text(element, "wp:cat_name"))
        self.attachments = {
            text(item, "wp:post_id"): {
                "url": text(item, "wp:attachment_url"),
                "caption": text(item, "excerpt:encoded") or text(item, "title"),
                "alt": self._meta(item).get("_wp_attachment_image_alt", ""),
                "credit": text(item, "dc:creator"),
            }
            for item in items(self.path, "attachment")
        }
        for item in items(self.path, "post"):
            self._post(item)
        return self.report

    def _channel(self):
        try:
            root = ET.parse(self.path).getroot()
        except (ET.ParseError, OSError) as error:
            raise ValueError(f"Không đọc được tệp WXR {self.path}: {error}") from error
        channel = root.find("channel")
        if channel is None or root.find("channel/wp:wxr_version", NS) is None:
            raise ValueError(f"{self.path} không phải tệp xuất WordPress (WXR).")
        return channel

    @staticmethod
    def _meta(item):
        return {
            text(meta, "wp:meta_key"): text(meta, "wp:meta_value")
            for meta in item.findall("wp:postmeta", NS)
        }

    def _author(self, login, name):
        if login not in self.authors:
            name = name or login
            self.authors[login] = Author.objects.filter(name=name).first() or Author.objects.create(
                name=name
            )
            self._redirect(
                f"{self.site_path}/author/{login}/", new_path=self.authors[login].get_absolute_url()
            )
        return self.authors[login]

    def _section(self, nicename, name):
        nicename = unquote(nicename)
        if nicename not in self.sections:
            section = Category.objects.filter(name=name).first()
            if section is None:
                slug = vietnamese_slugify(name)
                section = Category(name=name)
                try:
                    section.save()
                except ValidationError:  # a name whose slug is one of the site's own pages
                    section.slug = f"{slug}-chuyen-muc"
                    section.save()
            self.sections[nicename] = section
            self._redirect(
                f"{self.site_path}/category/{nicename}/", new_path=section.get_absolute_url()
            )
        return self.sections[nicename]

    def _tag(self, nicename, name):
        tag = Tag.objects.get_or_create(name=name)[0]
        if nicename:
            self._redirect(
                f"{self.site_path}/tag/{unquote(nicename)}/", new_path=tag.get_absolute_url()
            )
        return tag

    def _redirect(self, path, *, article=None, new_path=""):
        """`path` on the old site (under its own folder, if it had one) → the new page."""
        _, made = LegacyRedirect.objects.get_or_create(
            old_path=path, defaults={"article": article, "new_path": new_path}
        )
        if made:
            self.report.redirects.append((path, new_path or article.get_absolute_url()))

    def _post(self, item):
        post_id = text(item, "wp:post_id")
        if LegacyRedirect.objects.filter(old_path=f"{self.site_path}/?p={post_id}").exists():
            self.report.skipped += 1
            return
        wp_status = text(item, "wp:status")
        if wp_status not in STATUSES:  # trash, inherit
            self.report.skipped += 1
            return
        with transaction.atomic():
            self._create_article(item, post_id, STATUSES[wp_status])

    def _create_article(self, item, post_id, status):
        title = html.unescape(text(item, "title")) or f"Bài viết {post_id}"
        body = paragraphs(text(item, "content:encoded"))
        sapo = strip_tags(text(item, "excerpt:encoded")) or Truncator(
            strip_tags(body).strip()
        ).chars(SAPO_LENGTH)
        categories = item.findall("category[@domain='category']")
        section = (
            self._section(categories[0].get("nicename", ""), categories[0].text or "")
            if categories
            else self._section("chua-phan-loai", UNCATEGORISED)
        )
        published_at = wp_time(text(item, "wp:post_date_gmt"))
        if status == Article.Status.PUBLISHED and published_at is None:
            published_at = timezone.now()
        article = Article.objects.create(
            title=title,
            sapo=sapo or title,
            body=body,
            category=section,
            status=status,
            published_at=published_at,
            cover=self._photo(self._meta(item).get("_thumbnail_id"), post_id),
            comments_enabled=text(item, "wp:comment_status") != "closed",
        )
        login = text(item, "dc:creator")
        if login:
            article.authors.set([self._author(login, login)])
        article.tags.set(
            self._tag(element.get("nicename", ""), html.unescape(element.text.strip()))
            for element in item.findall("category[@domain='post_tag']")
            if element.text and element.text.strip()
        )
        for comment in item.findall("wp:comment", NS):
            self._comment(article, comment)
        self._redirect(f"{self.site_path}/?p={post_id}", article=article)
        if link := text(item, "link"):
            self._redirect(old_path(link), article=article)
        self.report.articles += 1

    def _photo(self, attachment_id, post_id):
        attachment = self.attachments.get(attachment_id or "")
        if attachment is None:
            return None
        url_path = unquote(urlsplit(attachment["url"]).path)
        relative = url_path.split("/wp-content/uploads/", 1)[-1].lstrip("/")
        source = self.uploads / relative if self.uploads else None
        if source is None or not source.is_file():
            self.report.warnings.append(
                f"Bài {post_id}: không thấy ảnh đại diện {relative} trong thư mục uploads."
            )
            return None
        caption = html.unescape(attachment["caption"])[:300]
        photo = Photo(
            caption=caption,
            credit=attachment["credit"][:150],
            alt_text=(html.unescape(attachment["alt"]) or caption)[:250],
        )
        with open(source, "rb") as stream:
            photo.image.save(f"wordpress/{relative}", File(stream), save=False)
        photo.save()
        self.report.photos += 1
        return photo

    def _comment(self, article, element):
        if text(element, "wp:comment_type") not in ("", "comment"):
            return  # pingbacks and trackbacks are not readers' words
        status = COMMENT_STATUSES.get(text(element, "wp:comment_approved"))
        body = normalize_text(html.unescape(strip_tags(text(element, "wp:comment_content"))))
        if status is None or len(body) < MIN_LENGTH:
            return
        if len(body) > MAX_LENGTH:
            self.report.warnings.append(
                f"Bình luận {text(element, 'wp:comment_id')} dài {len(body)} ký tự: "
                f"cắt còn {MAX_LENGTH}."
            )
            body = Truncator(body).chars(MAX_LENGTH)
        Comment.objects.create(
            article=article,
            name=normalize_name(html.unescape(text(element, "wp:comment_author")))[:80] or "Khách",
            email=text(element, "wp:comment_author_email")[:254],
            text=body,
            status=status,
            created_at=wp_time(text(element, "wp:comment_date_gmt")) or timezone.now(),
            ip_address=text(element, "wp:comment_author_IP") or None,
        )
        self.report.comments += 1
