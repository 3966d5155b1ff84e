"""The real server, started as a person starts it."""

from conftest import RunningServer, make_capture


def test_the_server_prints_where_it_listens_and_answers_health(server):
    assert server.url.startswith("http://127.0.0.1:")
    assert len(server.token) >= 32
    assert server.request("GET", "/api/health").json()["status"] == "ok"


def test_every_highlight_is_still_there_after_a_restart(tmp_path):
    data = tmp_path / "data"
    first = RunningServer(data).start()
    sent = [make_capture(url=f"https://example.org/{n % 3}") for n in range(12)]
    for body in sent:
        assert first.request("POST", "/api/captures", json=body).status_code == 201
    first.stop()

    second = RunningServer(data).start()
    try:
        assert second.token == first.token
        for body in sent:
            got = second.request("GET", f"/api/highlights/{body['id']}")
            assert got.status_code == 200
            assert got.json()["highlight"]["exact"] == body["text"]
        assert second.request("GET", "/api/pages").json()["total"] == 3
    finally:
        second.stop()


def test_a_request_with_a_foreign_host_is_refused_by_the_real_server(server):
    import requests

    response = requests.get(server.url + "/api/health", headers={"Host": "attacker.example"},
                            timeout=10)
    assert response.status_code == 403
