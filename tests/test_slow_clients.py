"""Slow clients cannot lock the extension out: with 150 sockets trickling a
request one byte at a time into the real server, a capture still gets in."""

from __future__ import annotations

import socket
import threading

from conftest import make_capture

TRICKLERS = 150


def _trickle(port: int, stop: threading.Event, opened: list) -> None:
    sockets = []
    try:
        for _ in range(TRICKLERS):
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(b"POST /api/captures HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Content-Length: 100000\r\nContent-Type: application/json\r\n\r\n")
            sockets.append(s)
        opened.append(len(sockets))
        while not stop.wait(1):
            for s in sockets:
                try:
                    s.send(b" ")  # never finishing the body, never idle
                except OSError:
                    pass
    finally:
        for s in sockets:
            s.close()


def test_a_capture_gets_through_while_many_clients_trickle(server):
    stop, opened = threading.Event(), []
    trickler = threading.Thread(target=_trickle, args=(server.port, stop, opened), daemon=True)
    trickler.start()
    try:
        while trickler.is_alive() and not opened:
            trickler.join(0.1)
        assert opened == [TRICKLERS]
        response = server.request("POST", "/api/captures", json=make_capture())
        assert response.status_code == 201
        assert server.request("GET", "/api/health").status_code == 200
    finally:
        stop.set()
        trickler.join(timeout=30)
