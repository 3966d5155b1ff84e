"""Every file with the person's data is theirs alone: the data folder 0700,
the database, its -wal and -shm, the token and every other file in it
0600, and the CLI's exports too, whatever the shell's umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import RunningServer, make_capture

from hatchery.app import create_app
from hatchery.cli import main


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """The umask most shells start with: 0644 files, 0755 folders."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_real_server_keeps_every_file_private(tmp_path, loose_umask):
    data_dir = tmp_path / "data"
    server = RunningServer(data_dir).start()
    try:
        assert server.request("POST", "/api/captures", json=make_capture()).status_code == 201
        names = {p.name for p in data_dir.iterdir()}
        assert {"hatchery.sqlite3", "hatchery.sqlite3-wal", "hatchery.sqlite3-shm",
                "token", "server-url"} <= names
        assert mode(data_dir) == 0o700
        loose = {p.name: oct(mode(p)) for p in data_dir.iterdir() if mode(p) != 0o600}
        assert loose == {}
    finally:
        server.stop()


def test_an_old_install_with_loose_modes_is_made_private_on_start(tmp_path, loose_umask):
    data_dir = tmp_path / "data"
    create_app({"DATA_DIR": str(data_dir)})
    data_dir.chmod(0o755)
    for path in data_dir.iterdir():
        path.chmod(0o644)
    (data_dir / "config.toml").write_text("")
    create_app({"DATA_DIR": str(data_dir)})
    assert mode(data_dir) == 0o700
    assert {p.name: oct(mode(p)) for p in data_dir.iterdir() if mode(p) != 0o600} == {}


def test_a_new_database_and_its_wal_are_private_whatever_the_umask(tmp_path, loose_umask):
    from hatchery.store import Store

    store = Store(tmp_path / "fresh" / "library.sqlite3")
    store.migrate()
    try:
        files = list((tmp_path / "fresh").iterdir())
        assert any(p.name.endswith("-wal") for p in files)
        assert {p.name: oct(mode(p)) for p in files if mode(p) != 0o600} == {}
        assert mode(tmp_path / "fresh") == 0o700
    finally:
        store.close()


@pytest.mark.parametrize("fmt, out", [("json", "library.json"), ("csv", "x/library.csv"),
                                      ("markdown", "notes"), ("markdown", "notes.zip")])
def test_exports_written_by_the_cli_are_private(tmp_path, loose_umask, fmt, out):
    data_dir = tmp_path / "data"
    client = create_app({"DATA_DIR": str(data_dir), "TOKEN": "t"}).test_client()
    client.post("/api/captures", json=make_capture(), base_url="http://127.0.0.1:8765",
                headers={"Authorization": "Bearer t"})
    target = tmp_path / out
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--out", str(target),
                                       "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    written = [target, *target.rglob("*")] if target.is_dir() else [target]
    for path in written:
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_a_rotated_token_file_is_private(tmp_path, loose_umask):
    result = CliRunner().invoke(main, ["token", "--rotate", "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 0
    assert mode(tmp_path / "d" / "token") == 0o600
    assert mode(tmp_path / "d") == 0o700
    assert [p.name for p in (tmp_path / "d").iterdir()] == ["token"]
