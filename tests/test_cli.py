"""The console script as a user runs it: real processes, exit codes and output."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "taskbook" / "demo" / "data" / "shenzhen-intl-business-environment-2023-2025.en.txt"


# tests/settings.py sets these for the test process; a command run as a user would not have them.
TEST_ONLY = {
    "SECRET_KEY",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "STATICFILES_STORAGE",
    "EMAIL_BACKEND",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests
}


def taskbook(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    return subprocess.run(
        [sys.executable, "-m", "taskbook.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**base, **(env or {})},
        timeout=120,
    )


def test_extract_json_of_the_demo_plan():
    proc = taskbook("extract", str(DEMO), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["language"] == "en"
    assert len(data["tasks"]) == 12
    assert [s["number"] for s in data["sections"] if s["tasks"]] == ["1", "2", "3", "(4)"]
    assert sorted((t["value"], t["year"]) for task in data["tasks"] for t in task["targets"]) == [
        (4, 2025),
        (77, 2025),
    ]


def test_extract_text_outline():
    proc = taskbook("extract", str(DEMO), "--format", "text")
    assert proc.returncode == 0
    assert "Build an international producer services system" in proc.stdout


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary" * 100, b"no numbered tasks at all"])
def test_extract_bad_input_exits_2_with_a_message(tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    proc = taskbook("extract", str(path), "--format", "json")
    assert proc.returncode == 2
    assert proc.stderr.startswith("taskbook extract: error:")
    assert proc.stdout == ""


def test_extract_missing_file_exits_2(tmp_path):
    proc = taskbook("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2


@pytest.fixture
def database(tmp_path):
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "TASKBOOK_VAR_DIR": str(tmp_path),
        "DEBUG": "1",
    }
    assert taskbook("migrate", "--no-input", env=env).returncode == 0
    return env


def test_import_twice_then_a_revision(database, tmp_path):
    first = taskbook("import", str(DEMO), env=database)
    assert first.returncode == 0, first.stderr
    assert "created with 12 tasks" in first.stdout
    again = taskbook("import", str(DEMO), env=database)
    assert again.returncode == 0 and "nothing changed" in again.stdout
    revised = tmp_path / "revised.txt"
    revised.write_text(
        DEMO.read_text()
        .replace("more than 77%", "more than 80%")
        .replace("12. Strengthen city publicity", "12. Strengthen the city's publicity")
    )
    dry = taskbook("import", str(revised), "--dry-run", env=database)
    assert dry.returncode == 0 and "would be updated" in dry.stdout
    changed = taskbook("import", str(revised), env=database)
    assert "Task 2: target added" in changed.stdout and "Task 12: title changed." in changed.stdout
    assert "nothing changed" in taskbook("import", str(revised), env=database).stdout


def test_import_bad_file_exits_2_and_saves_nothing(database, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    proc = taskbook("import", str(bad), env=database)
    assert proc.returncode == 2 and "empty" in proc.stderr.lower()
    count = taskbook(
        "shell",
        "--no-imports",
        "-c",
        "from taskbook.plans.models import Plan; print(Plan.objects.count())",
        env=database,
    )
    assert count.stdout.strip() == "0"


def test_demo_runs_twice_without_duplicating(database):
    first = taskbook("demo", env=database)
    assert first.returncode == 0, first.stderr
    assert "12 tasks" in first.stdout and "4 areas" in first.stdout and "2 targets" in first.stdout
    second = taskbook("demo", env=database)
    # The summary after the e-mails the first load sends (the console backend prints them): the
    # same both times, and the second load sends nothing.
    summary = first.stdout[first.stdout.index("Demo ready:") :]
    assert second.stdout.startswith("Demo ready:") and second.stdout == summary
    lacking = taskbook(
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import User; print(User.objects.filter(profile=None).count(),"
        " User.objects.count())",
        env=database,
    )
    assert (
        lacking.stdout.split()[0] == "0" and int(lacking.stdout.split()[1]) > 0
    )  # every demo user has a profile


def test_createcoordinator_on_a_new_installation(database):
    made = taskbook(
        "createcoordinator",
        "--email",
        "head@office.gov.cn",
        "--password-from-env",
        "TB_PW",
        env={**database, "TB_PW": "Harbour-lights-at-dusk-9"},
    )
    assert made.returncode == 0, made.stderr
    assert "head@office.gov.cn is a coordinator" in made.stdout
    refused = taskbook(
        "createcoordinator",
        "--email",
        "x@office.gov.cn",
        "--password-from-env",
        "TB_PW",
        env={**database, "TB_PW": "123"},
    )
    assert refused.returncode == 2 and "too short" in refused.stderr


def test_check_deploy_is_clean_with_debug_off_and_secrets_set(database):
    env = {
        **database,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-value-0123456789",
    }
    proc = taskbook("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_settings_refuse_to_start_without_a_secret_when_debug_is_off(database):
    env = {**database, "DEBUG": "0", "SECRET_KEY": ""}
    proc = taskbook("check", env=env)
    assert proc.returncode != 0 and "SECRET_KEY" in proc.stderr
