"""A benchmark's own database: a fresh SQLite file under /tmp unless DATABASE_URL names another, with
the test settings, and Django set up on it."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fresh_django(name: str) -> None:
    sys.path.insert(0, str(ROOT))
    default = f"/tmp/taskbook-bench-{name}.sqlite3"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{default}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    if os.environ["DATABASE_URL"] == f"sqlite:///{default}":
        Path(default).unlink(missing_ok=True)

    import django

    django.setup()
