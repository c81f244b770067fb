"""`taskbook extract FILE --format json|text` through taskbook.ingest.cli.main."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from taskbook.ingest.cli import main

from .conftest import DOCUMENTS

SAMPLE = DOCUMENTS / "riverton-digital-government.en.txt"
ROOT = Path(__file__).parents[2]


def test_json(capsys):
    assert main([str(SAMPLE), "--format", "json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert [t["number"] for t in data["tasks"]] == ["1", "2", "3", "4"]
    assert data["units"][0]["name"] == "Municipal Government Service Data Administration"
    assert "text" not in data


def test_json_keeps_chinese_readable(capsys):
    assert main([str(DOCUMENTS / "linjiang-business-environment.zh.txt")]) == 0
    out = capsys.readouterr().out
    assert "市政务服务数据管理局" in out and "\\u" not in out
    assert out.startswith("{\n  ")


def test_text_outline(capsys):
    assert main([str(SAMPLE), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Action Plan for Building a Digital Government in Riverton (2024-2026)"
    assert "II. Key tasks" in out
    assert "  3. Promote culture and tourism online  [lines 15-19]" in out
    assert "      lead: Municipal Market Supervision Bureau; each district" in out
    assert "      target: the share of online ticket sales: >= 60 % by 2025" in out
    assert "Units" in out and "III. Safeguards  [text" in out


def test_errors_go_to_stderr_with_status_2(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main([str(empty)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("taskbook extract: error: ") and "empty" in captured.err
    assert main([str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main([str(tmp_path)]) == 2
    assert "directory" in capsys.readouterr().err


def test_runs_as_a_module():
    proc = subprocess.run(
        [sys.executable, "-m", "taskbook.ingest.cli", str(SAMPLE), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["language"] == "en"
