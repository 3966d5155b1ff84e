"""The library's blueprint: the session guard every view passes, the
headers every answer carries, the error pages and the template filters."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Response, abort, g, render_template, request, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from .. import security
from ..contract.limits import COLORS
from ..errors import HatcheryError
from ..urls import is_web_url

blueprint = Blueprint("library", __name__)

PAGE_SIZE = 30
# The longest number a query argument may be: any page or id fits, and
# PAGE_SIZE times it stays far inside SQLite's 64-bit integers.
MAX_DIGITS = 12
# Private-use characters mark search matches inside FTS snippets: the view
# escapes the snippet, then turns only these into <mark>.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"

# Pages the library shows a browser; scripts and styles only from /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'")

OPEN_ENDPOINTS = {"library.login", "library.logged_out"}


@blueprint.before_request
def require_session():
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    session = security.current_session()
    if session is None:
        return render_template("library/login_needed.html"), 401
    if request.method == "POST":
        if not security.same_origin() or not security.csrf_ok(
                session, request.form.get(security.CSRF_FIELD)):
            abort(403, "This form is out of date or came from another site; reload the page "
                       "and try again.")
    return None


@blueprint.after_request
def secure_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" makes form posts send Origin: null
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@blueprint.errorhandler(HatcheryError)
def domain_error(error: HatcheryError):
    return render_template("library/error.html", message=error.message), error.status


@blueprint.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return render_template("library/error.html", message=error.description), error.code


@blueprint.app_context_processor
def template_globals() -> dict:
    session = g.get("library_session")
    return {"csrf_token": session["csrf"] if session else "", "colors": COLORS,
            "csrf_field": security.CSRF_FIELD}


@blueprint.app_template_filter("marked")
def marked(snippet: str | None) -> Markup:
    """Escape a snippet, then mark the matches the store wrapped."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


@blueprint.app_template_test("web_url")
def web_url(value: object) -> bool:
    """Only http(s) addresses become links: an imported `javascript:` URL
    stays text."""
    return isinstance(value, str) and is_web_url(value)


@blueprint.app_template_filter("host")
def host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


@blueprint.app_template_filter("tag_url")
def tag_url(tag: str) -> str:
    """The page list filtered to `tag`. A page list links every tag of every
    card: url_for for each would be a tenth of the page's time."""
    if "index_url" not in g:
        g.index_url = url_for("library.index")
    return g.index_url + "?" + urlencode({"tag": tag})


@blueprint.app_template_filter("page_url")
def page_url(page_id: int) -> str:
    """A page's own view. Search links a hundred pages and the list thirty:
    url_for for each would be a tenth of the answer's time, so it runs once
    and the id is put in its place."""
    prefix = g.get("page_url_prefix")
    if prefix is None:
        prefix = g.page_url_prefix = url_for("library.page", page_id=0)[:-1]
    return prefix + str(int(page_id))


@blueprint.app_template_filter("day")
def day(stamp: str | None) -> str:
    return (stamp or "")[:10]


def page_number() -> int:
    """The `page` query argument of a paged list, 1 when missing or odd."""
    return max(1, whole_number(request.args.get("page")) or 1)


def whole_number(text: str | None) -> int | None:
    """`text` as a whole number, or None unless it is at most MAX_DIGITS ASCII
    digits: `int()` also reads "١٢" and "+1_0", and 20 digits overflow SQLite."""
    if text is None or not (0 < len(text) <= MAX_DIGITS and text.isascii() and text.isdigit()):
        return None
    return int(text)


def last_page(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))
