"""Each module a process starts from imports on its own, first, in a new interpreter: the worker
imports its tasks by their dotted paths and the scheduler starts from the daily job, so an import
cycle that the web server's order of imports hides still stops them."""

import os
import subprocess
import sys

import pytest

STARTING_POINTS = [
    "taskbook.daily",  # the scheduler's daily job
    "taskbook.notifications.jobs",  # the worker's tasks
    "taskbook.documents.jobs",
    "taskbook.notifications.workflow",
    "taskbook.web.management.commands.schedule",
    "taskbook.web.management.commands.worker",
    "taskbook.web.management.commands.serve",
    "taskbook.demo.management.commands.demo",
]


@pytest.mark.parametrize("module", STARTING_POINTS)
def test_the_module_imports_first_in_a_new_process(module: str) -> None:
    code = f"import django; django.setup(); import {module}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
