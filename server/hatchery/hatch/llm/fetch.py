"""Small JSON requests to a model server (its model list, its context
size), with short timeouts: a probe must never hold up a hatch or a start.

`http.client` directly, like the chat client: no proxy from the
environment stands between us and a server on this machine.
"""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

# A model list or a context size is a small answer; more is not one.
MAX_BODY = 4 * 1024 * 1024


def fetch_json(url: str, *, timeout: float, body: dict | None = None,
               api_key: str | None = None) -> object | None:
    """The JSON that `url` answers with (a POST when `body` is given), or
    None when nothing answers, the status is not 200 or it is not JSON.

    :param timeout: seconds for the connection and for each read.
    :param api_key: sent as a bearer token, for hosted endpoints.
    """
    parts = urlsplit(url)
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = cls(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    headers = {"Accept": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        conn.request("POST" if body is not None else "GET",
                     (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                     body=payload, headers=headers)
        response = conn.getresponse()
        if response.status != 200:
            return None
        return json.loads(response.read(MAX_BODY))
    except (OSError, http.client.HTTPException, ValueError):
        return None
    finally:
        conn.close()
