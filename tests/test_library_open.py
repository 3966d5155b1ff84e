"""`hatchery open` against the real server: a one-time link that logs in."""

from __future__ import annotations

import re

import requests
from click.testing import CliRunner

from hatchery.cli import main


def test_hatchery_open_prints_a_link_that_logs_in_once(server):
    result = CliRunner().invoke(main, ["open", "--no-browser", "--data-dir",
                                       str(server.data_dir)])
    assert result.exit_code == 0, result.output
    link = re.search(r"Your library: (\S+)", result.output).group(1)
    assert link.startswith(f"{server.url}/login?code=")

    session = requests.Session()
    page = session.get(link, timeout=10)
    assert page.status_code == 200 and "Hatchery" in page.text
    assert [c.name for c in session.cookies if c.name.startswith("hatchery_")]
    assert requests.get(link, timeout=10).status_code == 401, "a link works once"
    assert requests.get(server.url + "/", timeout=10).status_code == 401


def test_hatchery_open_says_when_no_server_is_running(tmp_path):
    result = CliRunner().invoke(main, ["open", "--no-browser", "--url", "http://127.0.0.1:9",
                                       "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "hatchery serve" in result.output
