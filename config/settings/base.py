"""Settings shared by every environment. Everything comes from the environment (django-environ)."""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY")  # no default here: local.py and test.py give one, production does not
# Previous keys, kept while sessions and second-factor secrets signed or encrypted with them are still in use.
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

DJANGO_APPS = [
    "modeltranslation",  # before admin, so translated fields show in the admin
    "config.apps.PortalAdminConfig",  # django.contrib.admin with the staff dashboard
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",  # allauth.mfa's list of security keys
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.postgres",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_celery_beat",
    "simple_history",
    "csp",
]
LOCAL_APPS = [
    "common",  # shared pieces; its ready() installs the page cache's write watcher (common/page_cache.py)
    "accounts",
    "partnership",
    "initiatives",
    "sports",
    "startups",
    "training",
    "alerts",
    "awards",
    "commitments",
    "notifications",
    "api",  # the read-only query API (/api/v1/): on the pages' side, it reads the apps' selectors
    "portal",  # the pages layer: last, it reads every app above
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "common.middleware.ResponseHeadersMiddleware",  # first: every answer, static files and errors included
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "common.middleware.RequestGuardMiddleware",  # malformed requests: 400 in the page's language
    "api.http.RateLimitMiddleware",  # the API's per-client limit, before a cached copy can answer
    "common.page_cache.AnonymousPageCacheMiddleware",  # public pages for anonymous visitors (PAGE_CACHE_PAGES)
    "django.middleware.common.CommonMiddleware",
    "common.middleware.SiteURLMiddleware",  # links in emails and calendar files: the request's host and port
    "common.uploads.UploadLimitMiddleware",  # before anything reads the body: size limits, files per view
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.LoginThrottleMiddleware",  # refuses login forms during a lockout (429)
    "accounts.middleware.SecondFactorRequiredMiddleware",  # staff and reviewers: a second factor first
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "portal.context_processors.personal_links",  # "Mes évaluations" in the header for reviewers
            ],
            "libraries": {"language_links": "common.templatetags.language_links"},
        },
    },
]

# Database: a SQLite file by default, PostgreSQL in production (DATABASE_URL=postgres://...).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep connections between requests (a new PostgreSQL connection costs more than most pages' queries);
# health checks drop one that the server closed.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# CNIL guidance (délibération 2022-100): at least 12 characters when the password is the only factor,
# refuse common passwords and passwords too close to the person's data.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Personal data retention (privacy notice): accounts unused for two years are anonymised after a warning
# one month before; application drafts untouched for six months are deleted.
ACCOUNT_INACTIVITY_DAYS = env.int("ACCOUNT_INACTIVITY_DAYS", default=730)
ACCOUNT_INACTIVITY_WARNING_DAYS = env.int("ACCOUNT_INACTIVITY_WARNING_DAYS", default=30)
DRAFT_RETENTION_DAYS = env.int("DRAFT_RETENTION_DAYS", default=180)

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:my_space"  # "Mon espace": everyone's next steps (a reviewer's files to score)

# allauth: email is the login, confirmed by a link.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Partenariats numériques] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# The client address behind a reverse proxy: the number of proxies we run in front of the portal. With 0
# (the default) X-Forwarded-For is ignored and the address is the TCP peer's; with N, it is the N-th
# address from the right of X-Forwarded-For (each of our N proxies appends the address it received from).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# allauth's own rate limits live in the cache; those of the login forms are replaced by the database-backed
# limits below (accounts.throttling), which hold when the cache is down. allauth keeps its other limits
# (sign-up, confirmation emails, email and password changes).
ACCOUNT_RATE_LIMITS = {
    "login": None,
    "login_failed": None,  # also allauth.mfa's code checks
    "reset_password": None,
    "reset_password_from_key": None,  # the key in the link is a signed token: nothing to guess
    "reauthenticate": None,
}
# Login limits (accounts.throttling). Failures are wrong passwords and wrong second-factor codes, on every
# login form: sign-in (the admin's included, it redirects there), second-factor code, reauthentication.
LOGIN_LIMITS = {
    # Per address, across accounts: the 20th failure within 15 minutes locks the address for 15 minutes.
    "ip_failures": 20,
    "ip_window_minutes": 15,
    "ip_lockout_minutes": 15,
    # Per account, across addresses: from the 10th failure (counted until a successful login, forgotten 24 h
    # after the last one) each failure starts a cooldown, 1 minute doubling up to 60; the owner is emailed once.
    "account_failures": 10,
    "account_memory_hours": 24,
    "account_cooldown_seconds": 60,
    "account_cooldown_max_seconds": 3600,
    # Password reset requests: 10 per address per 15 minutes, 3 per email address per hour.
    "reset_ip_requests": 10,
    "reset_ip_window_minutes": 15,
    "reset_email_requests": 3,
    "reset_email_window_minutes": 60,
}

# Two-factor authentication (allauth.mfa): required for staff, reviewers and partner viewers
# (accounts.mfa.second_factor_required), available to everyone from "Mon compte".
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Partenariats numériques"
# A code read at the end of its 30 seconds and typed in the next ones still works (RFC 6238, 5.2: one step
# back for the time it takes to type and send it); allauth's default of 0 refused it.
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = False  # a security key is a second factor here, not a password replacement
# WebAuthn needs HTTPS, or http://localhost in development (browsers refuse IP addresses as the site's id).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# Forms: a web address typed without its scheme ("example.org") becomes https://example.org everywhere (the
# public forms, the admin, model forms), as Django 6.0 will do; one setting instead of `assume_scheme` on each
# field. Django says once at start-up that this transitional setting goes away in 6.0, where it is the default.
FORMS_URLFIELD_ASSUME_HTTPS = True

# Internationalisation: French is the default and the source language of the content.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr", "en")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static files: Bootstrap and Leaflet are vendored in static/ and served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files (pitch decks...) live outside any public URL; views check who may read them.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
MEDIA_URL = "/private-media-is-never-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# What a request may carry besides files (tests/test_input_bounds.py checks both against the forms):
# - the biggest form in text is a call's admin page with 20 criteria (67,200 characters at most); a character
#   takes at most 12 bytes once percent-encoded (4 UTF-8 bytes, each as %XX): 1 MiB covers it;
# - the form with the most fields is a week of attendance for a full session (500 people x 7 days, their
#   completion boxes and the token: 4,001).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 4_100

# Email: without EMAIL_HOST, messages are written as files a developer can open.
EMAIL_HOST = env("EMAIL_HOST", default="")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Partenariats numériques <ne-pas-repondre@partenariats.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_FILE_PATH = Path(env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail")))
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"

# Celery: without a broker, tasks run in-process so the portal works with nothing but SQLite.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_TIMEZONE = TIME_ZONE
# A broker outage (issue 15). The web never waits on the broker: connect and read give up after
# BROKER_SOCKET_TIMEOUT (well under a second, also when Redis is frozen and accepts without answering)
# and a publish is not retried (the row stays pending, the sweep queues it). The worker waits for the
# broker forever, at start and after losing it, and holds no message for later: retries are rows due
# again (notifications/services/delivery.py), so nothing is left unacknowledged in the worker when
# Redis goes away (kombu 5.7.0's Redis transport crashes the worker while restoring such messages,
# README "Production"). The visibility timeout only hands back the message of a task whose worker died
# (the outbox's own claim timeout is shorter: 5 minutes).
BROKER_SOCKET_TIMEOUT = env.float("BROKER_SOCKET_TIMEOUT", default=0.5)
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_SOCKET_TIMEOUT
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": BROKER_SOCKET_TIMEOUT,
    "socket_timeout": BROKER_SOCKET_TIMEOUT,
    "max_retries": 0,
    "visibility_timeout": 3600,
}
CELERY_TASK_PUBLISH_RETRY = False
# The worker's health (deploy/): a consumer connected to the broker touches this file every
# WORKER_HEARTBEAT_INTERVAL seconds (config/celery.py); `manage.py worker_health` reads its age.
WORKER_HEARTBEAT_FILE = env("WORKER_HEARTBEAT_FILE", default=str(BASE_DIR / "var" / "worker-heartbeat"))
WORKER_HEARTBEAT_INTERVAL = env.float("WORKER_HEARTBEAT_INTERVAL", default=10)
# How often beat's sweep queues the notifications that are due (retries included): a notification that
# has not failed waits at most this long when its first queuing was lost.
NOTIFICATIONS_SWEEP_INTERVAL = env.float("NOTIFICATIONS_SWEEP_INTERVAL", default=60)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "accounts-retention": {
        "task": "accounts.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
    "notifications-sweep-pending": {
        "task": "notifications.tasks.sweep_pending",
        "schedule": NOTIFICATIONS_SWEEP_INTERVAL,
        # a sweep that waited for the next one's time is replaced by it
        "options": {"expires": NOTIFICATIONS_SWEEP_INTERVAL * 0.9},
    },
    "alerts-digests": {
        "task": "alerts.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Reminders 48 h before a training session: every 15 minutes, each registration reminded once.
    "training-session-reminders": {
        "task": "training.tasks.send_session_reminders",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 600},
    },
    "training-mark-finished-sessions": {
        "task": "training.tasks.mark_finished_sessions",
        "schedule": crontab(minute=5),
    },
    "accounts-purge-login-throttles": {
        "task": "accounts.tasks.purge_login_throttles",
        "schedule": crontab(minute=45),
    },
    # Digital-inclusion places older than six months: their contact is reminded once a month (the outbox key
    # carries the month, so a daily run sends one message per place and per month).
    "places-update-reminders": {
        "task": "initiatives.tasks.send_place_update_reminders",
        "schedule": crontab(hour=8, minute=20),
    },
    # Sports space: slots for the weeks ahead (idempotent; also run when staff save a resource).
    "sports-generate-slots": {
        "task": "sports.tasks.generate_slots",
        "schedule": crontab(hour=2, minute=15),
    },
    # Reminders the day before a booked slot: every 15 minutes, each booking reminded once.
    "sports-slot-reminders": {
        "task": "sports.tasks.send_slot_reminders",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 600},
    },
}

# Caches: a shared cache (Redis) when configured, per-process memory otherwise. A Redis that is down
# must not break pages: the backend fails open (common.cache), gives up after CACHE_SOCKET_TIMEOUT
# (connect and read, also when Redis accepts and never answers) and skips Redis for a few seconds after
# a failure instead of waiting again at every call.
CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.25)
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "common.cache.FailOpenRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": CACHE_SOCKET_TIMEOUT, "socket_timeout": CACHE_SOCKET_TIMEOUT}
    )

# Public pages served from the default cache to anonymous visitors (common/page_cache.py says how), by URL
# name ("namespace:*" for all of a namespace). `depends_on`: the app labels whose writes change the page
# (default: any app); `clock`: the page reads the time (opening hours, upcoming sessions, open calls), so
# its copy is kept for at most that many seconds. Writes to the apps below never show on a public page.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=24 * 3600)
PAGE_CACHE_PAGES = {
    "portal:home": {"clock": 60},
    "portal:list": {},
    "portal:detail": {},
    "portal:compare": {},
    "portal:open_data": {},
    # the cards show each initiative's action and its state (seats left, next slot, deadline)
    "initiatives:list": {"depends_on": ("initiatives", "partnership", "sports", "training", "startups"), "clock": 60},
    "initiatives:detail": {"clock": 60},
    "places:list": {"clock": 60},
    "places:detail": {"clock": 60},
    "places:open_data": {},
    "opendata:*": {"depends_on": ("initiatives", "partnership")},
    "partnership_data:*": {},
    "training:programme_list": {"clock": 60},
    "training:programme_detail": {"clock": 60},
    "startups:call_list": {"clock": 60},
    "startups:call_detail": {"clock": 60},
    "api:*": {"clock": 60, "reads_person": False},  # the API reads no cookie: the same copy for everyone
    "awards:index": {"clock": 60},
    "awards:edition": {"clock": 60},  # nominations and the vote open and close with the clock
    "awards:laureates": {},
    "awards_data:*": {},
    "commitments_data:*": {},
}
PAGE_CACHE_IGNORED_APPS = [
    "sessions",
    "admin",
    "contenttypes",
    "auth",
    "accounts",
    "account",
    "mfa",
    "socialaccount",
    "notifications",
    "django_celery_beat",
    "sites",
]

# Security headers (production.py turns on HTTPS-only settings).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions are kept in the database and read through the cache (Redis in production): a logged-in page
# saves a query; when Redis is down the database answers (the cache fails open, common.cache).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = False
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default="&copy; contributeurs OpenStreetMap")

from csp.constants import NONCE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", MAP_TILE_URL.split("/{")[0].replace("{s}.", "*.")],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": ["'none'"],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    },
}

# Requests and responses (issue 10): error pages that never re-read a malformed body, features the
# pages do not use denied to every origin (common.middleware.ResponseHeadersMiddleware sends it).
# Geolocation is denied everywhere but on the places directory, whose "near me" button asks for it (the view
# sends its own header: initiatives.views.places.NEAR_ME_PERMISSIONS_POLICY); passkeys (WebAuthn) need
# publickey-credentials-* for the site itself.
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "interest-cohort": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# The read-only query API (api/, /api/v1/). Requests per client address ("count/seconds"), counted in the
# default cache (Redis in production, shared by the workers); when the cache is down the limit is not
# applied (fails open). "0" turns it off. Answers may be kept API_MAX_AGE seconds by browsers and proxies.
API_RATE_LIMIT = env("API_RATE_LIMIT", default="600/60")
API_MAX_AGE = env.int("API_MAX_AGE", default=60)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
