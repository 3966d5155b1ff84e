"""Flask responses the API and the library both send."""

from __future__ import annotations

from flask import Response

from .services.exports import Download


def attachment(download: Download) -> Response:
    """An export as a file the browser saves rather than shows."""
    response = Response(download.body, mimetype=download.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
