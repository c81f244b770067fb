"""English and Simplified Chinese are complete: every message of the code is in the Chinese
catalogue, translated and not fuzzy. Uses gettext's own tools (msgfmt, msgcmp)."""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "taskbook" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_chinese_translation():
    proc = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert "fuzzy" not in proc.stderr and "untranslated" not in proc.stderr, proc.stderr


def test_the_catalogue_holds_every_string_of_the_code(tmp_path):
    copy = tmp_path / "taskbook"
    shutil.copytree(ROOT / "taskbook", copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.po"))
    proc = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "django-admin"), "makemessages", "-l", "zh_Hans", "--no-location"],
        cwd=copy,
        capture_output=True,
        text=True,
        # The copy is read without settings: the test settings module is not importable from there.
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    assert proc.returncode == 0, proc.stderr
    fresh = copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    # msgcmp fails when a msgid of the fresh catalogue is missing from the committed one.
    cmp = subprocess.run(
        ["msgcmp", "--use-untranslated", str(PO), str(fresh)], capture_output=True, text=True
    )
    assert cmp.returncode == 0, cmp.stderr[-3000:]
