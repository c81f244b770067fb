"""Test settings: the real settings module, read with the environment a test run needs."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from taskbook.settings import *  # noqa: F403
from taskbook.settings import BASE_DIR

# Uploads of a test run go to a folder of their own, never into a developer's var/.
MEDIA_ROOT = BASE_DIR.parent / "var" / "test-media" / str(os.getpid())
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
# WhiteNoise looks for collected files at start-up; tests serve static files through the finders.
STATIC_ROOT = BASE_DIR.parent / "var" / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
# The audit table refuses TRUNCATE (audit/migrations/0002_append_only.py) unless the session allows
# it: the flush between transactional tests truncates every table, so the tests' sessions do.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c taskbook.audit_truncate=allow"  # noqa: F405
