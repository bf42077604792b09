"""
Settings for newsportal.

Every value that differs between a laptop and a deployment is read from the
environment through django-environ (see `.env.example`). The defaults are the
embedded single-machine setup: SQLite, local-memory cache, media on local disk.
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # full-text search and the unaccent lookup (inert on SQLite)
    "django.contrib.sitemaps",
    "django_prose_editor",
    "photos",
    "articles",
    "comments",
    "pagecache",
    "readership",
    "imprint",
    "archive",  # backups, the as-published record, export and import
    "galleries",  # photo stories: galleries → articles → photos
    "weather",
    "multimedia",
    "newsroom.apps.LoginProtectionConfig",  # django-axes, named in Vietnamese
    # Last: its post_migrate hook hands the roles permissions of every app above.
    "newsroom",
]

MIDDLEWARE = [
    # Load balancers probe /healthz by IP over plain HTTP: answer before host checks and redirects.
    "newsportal.middleware.HealthCheckMiddleware",
    "newsportal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the app server: hashed names, gzip, far-future caching.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' cached pages, served before sessions, CSRF, auth… (pagecache/).
    "pagecache.middleware.PageCacheMiddleware",
    # ETag/Last-Modified → 304 Not Modified (cached pages carry both).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsportal.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # An address of the previous site (a WordPress import) → 301 to its new page.
    "archive.middleware.LegacyRedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsportal.urls"
WSGI_APPLICATION = "newsportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
                # {% csp_nonce_attr %}: the admin marks its media (the body editor's import map).
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# A gunicorn worker keeps its PostgreSQL connection between requests: opening one per
# request cost an uncached homepage two thirds of its speed. runserver (SQLite) starts a
# thread per request, which a kept connection would outlive.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if _POSTGRESQL else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if _POSTGRESQL and env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
    # psycopg binds parameters on the server and prepares a statement once it has run five
    # times on a connection, so PostgreSQL stops parsing and planning the same page queries
    # (half its CPU for an uncached homepage). Needs CONN_MAX_AGE > 0 to pay off; turn it off
    # behind a pooler in transaction mode that cannot keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://newsportal")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A stopped Redis must slow the site down, not take it down (see newsportal/cache.py).
    CACHES["default"]["BACKEND"] = "newsportal.cache.FailSafeRedisCache"

# Full-page cache for anonymous readers (pagecache/). Pages stay cached until what
# they show changes: a write to a model of these apps invalidates the pages that depend
# on its keys (`page_cache_keys()`; a model without them invalidates every page).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_ALIAS = "default"
# Parts shared by many pages (the "Tin mới" and "Đọc nhiều" sidebar) are cached
# under the same content version, so a page-cache miss does not render them again.
PAGE_CACHE_FRAGMENTS = env.bool("PAGE_CACHE_FRAGMENTS", default=True)
PAGE_CACHE_WATCHED_APPS = [
    "articles",
    "comments",
    "photos",
    "imprint",
    "galleries",
    "weather",
    "multimedia",
]
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How long a CDN or proxy may reuse an anonymous page without asking (s-maxage).
PAGE_CACHE_CDN_SECONDS = env.int("PAGE_CACHE_CDN_SECONDS", default=60)
# The query parameters any cached page reads (lists: ?page=, sitemaps: ?p=). Every
# other parameter — utm_*, fbclid, zarsrc, gclid, _gl… — is left out of the cache key.
PAGE_CACHE_QUERY_PARAMS = env.list("PAGE_CACHE_QUERY_PARAMS", default=["page", "p"])
# Response header listing a page's dependency keys for a CDN/proxy: xkey (Varnish),
# Surrogate-Key (Fastly), Cache-Tag (Cloudflare); empty: none.
PAGE_CACHE_SURROGATE_HEADER = env.str("PAGE_CACHE_SURROGATE_HEADER", default="xkey")
# Who to tell when keys are invalidated (pagecache/purgers.py): "", "varnish",
# "fastly", "cloudflare" or a dotted path to a Purger class.
PAGE_CACHE_PURGER = env.str("PAGE_CACHE_PURGER", default="")
PAGE_CACHE_PURGE_URLS = env.list("PAGE_CACHE_PURGE_URLS", default=["http://127.0.0.1:6081/"])
FASTLY_SERVICE_ID = env.str("FASTLY_SERVICE_ID", default="")
FASTLY_API_TOKEN = env.str("FASTLY_API_TOKEN", default="")
FASTLY_API_URL = env.str("FASTLY_API_URL", default="https://api.fastly.com")
CLOUDFLARE_ZONE_ID = env.str("CLOUDFLARE_ZONE_ID", default="")
CLOUDFLARE_API_TOKEN = env.str("CLOUDFLARE_API_TOKEN", default="")
CLOUDFLARE_API_URL = env.str("CLOUDFLARE_API_URL", default="https://api.cloudflare.com/client/v4")
# With the local-memory cache (one per process) every invalidation also replaces a
# version in this file, so that every gunicorn worker sees it on its next request.
PAGE_CACHE_VERSION_FILE = env.path(
    "PAGE_CACHE_VERSION_FILE", default=BASE_DIR / "var" / "page-cache-version"
)
# `make bench` only: /_/floor/ answers a bare HttpResponse, the framework's limit.
BENCHMARK_FLOOR_VIEW = env.bool("BENCHMARK_FLOOR_VIEW", default=False)
# A form posted from a cached page without a token gets a one-click confirmation.
CSRF_FAILURE_VIEW = "pagecache.views.csrf_failure"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses logins from a client locked out after repeated failures (django-axes).
    "newsroom.backends.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
# Vietnamese for third-party screens that ship none (django-axes in the admin).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Day-first date input (27/11/2026 14:30): Django's `vi` locale leaves input to the US
# month-first defaults. See newsportal/formats/vi/formats.py.
FORMAT_MODULE_PATH = ["newsportal.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "staticfiles")
# `collectstatic` writes content-hashed, pre-compressed copies; WhiteNoise serves
# the hashed ones with a one-year immutable Cache-Control, so no nginx is needed.
# /favicon.ico and /apple-touch-icon.png: small files browsers ask for at the root,
# answered by WhiteNoise from webroot/ before any view (scripts/brand_images.py).
WHITENOISE_ROOT = BASE_DIR / "webroot"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The body editor's toolbar in Vietnamese (static/js/prose-editor-vi.js); its
# extension adds no HTML, so it needs nothing from the sanitizer's allowlist.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/prose-editor-vi.js")],
        "extensions": {"VietnameseLabels": html_tags([])},
    }
]

MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")

# Media (photo originals and their renditions) go through Django's storage API:
# local disk by default, S3-compatible object storage (AWS S3, MinIO, Ceph,
# Cloudflare R2, Viettel/VNPT/FPT object storage...) as soon as a bucket is named.
S3_MEDIA_ORIGINS = []  # where the browser fetches media from then (for the CSP's img-src)
if AWS_STORAGE_BUCKET_NAME := env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Credentials may also come from the instance role / AWS_* variables boto3 reads.
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default=None),
            "location": env.str("AWS_LOCATION", default=""),
            # Newspaper photos are public: plain, cacheable URLs without signatures.
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            "default_acl": env.str("AWS_DEFAULT_ACL", default=None),
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    _s3 = STORAGES["default"]["OPTIONS"]
    if _s3["custom_domain"]:
        S3_MEDIA_ORIGINS = [f"https://{_s3['custom_domain']}"]
    elif _s3["endpoint_url"]:
        S3_MEDIA_ORIGINS = ["{0.scheme}://{0.netloc}".format(urlsplit(_s3["endpoint_url"]))]
    else:
        S3_MEDIA_ORIGINS = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"] + (
            [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{_s3['region_name']}.amazonaws.com"]
            if _s3["region_name"]
            else []
        )

# Local-disk media are served by the app itself (photos/serving.py): no other web
# server is needed. Off with object storage or a MEDIA_URL on another host (a CDN).
SERVE_MEDIA = (
    STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    and "//" not in MEDIA_URL
    and MEDIA_URL.startswith("/")
)

# Backups (`manage.py backup`, archive/): where archives are written and looked for.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
# pg_dump/pg_restore's folder when they are not on the PATH.
POSTGRESQL_BIN_DIR = env.str("POSTGRESQL_BIN_DIR", default="")

# Photo uploads: the largest file and the most pixels an upload may have
# (a small file can still decode to gigabytes: a decompression bomb).
PHOTO_MAX_UPLOAD_MB = env.int("PHOTO_MAX_UPLOAD_MB", default=15)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=50_000_000)
# Video and audio uploads (multimedia/uploads.py): size and length limits.
VIDEO_MAX_UPLOAD_MB = env.int("VIDEO_MAX_UPLOAD_MB", default=500)
VIDEO_MAX_SECONDS = env.int("VIDEO_MAX_SECONDS", default=30 * 60)
AUDIO_MAX_UPLOAD_MB = env.int("AUDIO_MAX_UPLOAD_MB", default=100)
AUDIO_MAX_SECONDS = env.int("AUDIO_MAX_SECONDS", default=90 * 60)
CAPTIONS_MAX_KB = env.int("CAPTIONS_MAX_KB", default=512)

# The newspaper itself.
SITE_NAME = env.str("SITE_NAME", default="Báo Sơn Hà điện tử")
SITE_TAGLINE = env.str("SITE_TAGLINE", default="Tin tức cập nhật trong ngày")
# /.well-known/security.txt (RFC 9116): where to report a vulnerability (a mailto: or
# https: URI; default mailto:security@<the host asked for>) and, optionally, a fixed
# expiry (ISO 8601 with a zone, e.g. 2027-06-30T00:00:00+07:00; default 180 days ahead,
# renewed daily).
SECURITY_CONTACT = env.str("SECURITY_CONTACT", default="")
SECURITY_TXT_EXPIRES = (
    datetime.fromisoformat(_expires).astimezone(UTC)  # a wrong date fails at start-up
    if (_expires := env.str("SECURITY_TXT_EXPIRES", default=""))
    else None
)
# The weather bulletin: "Dự báo thời tiết toàn tỉnh <WEATHER_PROVINCE> ngày 2/1/2026",
# published in the section with this slug (created on first publication).
WEATHER_PROVINCE = env.str("WEATHER_PROVINCE", default="Sơn Hà")
WEATHER_SECTION_SLUG = env.str("WEATHER_SECTION_SLUG", default="ban-tin-thoi-tiet")

# One JSON object per line on stdout, each carrying the id of the request it belongs to.
# Every record propagates to the root handler exactly once (Django's own "django" handler,
# which would print errors a second time when DEBUG is on, is silenced).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "newsportal.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "newsportal.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

# Reader comments (comments/): moderation, bot traps, rate limit, duplicates.
COMMENTS_AUTO_APPROVE = env.bool("COMMENTS_AUTO_APPROVE", default=False)
COMMENTS_MIN_SECONDS = env.int("COMMENTS_MIN_SECONDS", default=3)
# The honeypot field that drops bots filling every box. Only `make scan` turns it off,
# so that the scanners' posts are what a reader's browser sends and reach the database.
COMMENTS_HONEYPOT = env.bool("COMMENTS_HONEYPOT", default=True)
COMMENTS_FORM_MAX_AGE = env.int("COMMENTS_FORM_MAX_AGE", default=2 * 24 * 3600)
COMMENTS_RATE_LIMIT = env.int("COMMENTS_RATE_LIMIT", default=5)
COMMENTS_RATE_PERIOD = env.int("COMMENTS_RATE_PERIOD", default=60)
COMMENTS_DUPLICATE_WINDOW = env.int("COMMENTS_DUPLICATE_WINDOW", default=600)
# How many reverse proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
CLIENT_IP_PROXY_COUNT = env.int("CLIENT_IP_PROXY_COUNT", default=0)

# Login protection (django-axes): after AXES_FAILURE_LIMIT failed logins from
# one client (IP address) further attempts are refused for LOGIN_LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.views.lockout"
# A refused attempt (locked out) is not recorded: it neither extends the cool-off nor
# counts against the username (newsroom/backends.py).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Failed logins of one username from any address (newsroom/throttle.py): the first
# LOGIN_USERNAME_FREE_FAILURES cost nothing, then each attempt waits 1 s, 2 s, 4 s …
# at most LOGIN_USERNAME_MAX_DELAY seconds; never from a network the account used before.
LOGIN_USERNAME_FREE_FAILURES = env.int("LOGIN_USERNAME_FREE_FAILURES", default=10)
LOGIN_USERNAME_MAX_DELAY = env.int("LOGIN_USERNAME_MAX_DELAY", default=15 * 60)
AXES_VERBOSE = False
AXES_COOLOFF_MESSAGE = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau."
AXES_PERMALOCK_MESSAGE = "Đăng nhập sai quá nhiều lần. Hãy liên hệ quản trị để mở khóa."
# Behind reverse proxies every client has the proxy's address: find the client
# exactly as the comment rate limit does (trusting CLIENT_IP_PROXY_COUNT hops only).
AXES_CLIENT_IP_CALLABLE = "clientip.client_ip"

# Moving the admin away from /admin/ keeps casual scanners off the login page.
ADMIN_URL = env.str("ADMIN_URL", default="admin/")
if ADMIN_URL.startswith("/") or not ADMIN_URL.endswith("/"):
    raise ImproperlyConfigured('ADMIN_URL is a relative path ending in "/", e.g. "toa-soan/".')

# --- HTTPS, cookies and security headers ------------------------------------
# HTTPS=true is the production switch: TLS-only cookies, redirect to https, HSTS.
# Each consequence can still be overridden by its own variable.
HTTPS = env.bool("HTTPS", default=False)
# Behind a proxy that terminates TLS, e.g. "HTTP_X_FORWARDED_PROTO,https". Only set it when
# the proxy always overwrites that header: a client could otherwise claim to be on https.
SECURE_PROXY_SSL_HEADER = env.tuple("SECURE_PROXY_SSL_HEADER", default=None)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
# Preloading is a promise to browsers that is slow to take back; turn it off with
# SECURE_HSTS_PRELOAD=false before the first deployment if the domain is not ready for it.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Nothing on a news page needs these browser features.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

# A strict Content-Security-Policy (Django's built-in middleware). Reader templates carry no
# inline <script> or style= attribute and never ask for a nonce, so their policy has none —
# which also keeps cached pages byte-identical between readers. The one inline element is
# the admin body editor's import map (JSON that maps module names to static files), which
# the admin renders with the request's nonce. Media served from another origin (S3/CDN, an
# absolute MEDIA_URL) is allowed for images only.
_media_origin = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "//" in MEDIA_URL else None
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, *([_media_origin] if _media_origin else []), *S3_MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
