"""The token and the address: `hatchery token --rotate` takes effect on the
running server at once, and `serve` listens only on loopback unless the
person says --allow-remote."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import RunningServer

from hatchery.cli import main
from hatchery.config import bind_refusal


def test_a_rotated_token_works_at_once_and_the_old_one_stops(tmp_path):
    server = RunningServer(tmp_path / "data").start()
    try:
        old = server.token
        assert server.request("GET", "/api/pages").status_code == 200
        result = CliRunner().invoke(main, ["token", "--rotate", "--data-dir",
                                           str(server.data_dir)])
        assert result.exit_code == 0
        new = result.stdout.strip()
        assert new and new != old
        assert server.request("GET", "/api/pages").status_code == 401, "the old token"
        fresh = server.request("GET", "/api/pages", headers={"Authorization": f"Bearer {new}"})
        assert fresh.status_code == 200
    finally:
        server.stop()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org"])
def test_serve_refuses_an_address_other_machines_can_reach(tmp_path, host):
    result = CliRunner().invoke(main, ["serve", "--host", host, "--port", "0",
                                       "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 2
    assert f"Refusing to listen on {host}" in result.output and "--allow-remote" in result.output
    assert not (tmp_path / "data").exists(), "nothing was started or created"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_addresses_need_no_flag(host):
    assert bind_refusal(host, allow_remote=False) is None


def test_allow_remote_is_the_person_saying_so():
    assert bind_refusal("0.0.0.0", allow_remote=True) is None
