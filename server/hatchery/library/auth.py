"""Logging in to the library with the one-time link `hatchery open` prints,
and logging out."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from .. import security
from ..db import get_store
from ..services import logins
from .blueprint import blueprint


@blueprint.get("/login")
def login():
    session_id = logins.log_in(get_store(), request.args.get("code", ""),
                               port=security.server_port())
    if session_id is None:
        return render_template("library/login_needed.html", expired=True), 401
    response = redirect(url_for("library.index"))
    security.set_session_cookie(response, session_id)
    return response


@blueprint.post("/logout")
def logout():
    session_id = request.cookies.get(security.cookie_name())
    if session_id:
        logins.log_out(get_store(), session_id)
    response = redirect(url_for("library.logged_out"))
    security.clear_session_cookie(response)
    return response


@blueprint.get("/logged-out")
def logged_out():
    return render_template("library/login_needed.html", logged_out=True)
