"""The web library at `/`: browse, filter, search, edit, hatch, import and
export, for a person logged in through `hatchery open`.

Server-rendered Jinja templates (autoescaped: page text is data) and a
little plain JS. Every state-changing request is a POST carrying the
session's CSRF token; the JS calls /api/* with the same token in the
X-Hatchery-CSRF header.
"""

from __future__ import annotations

import sqlite3
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import (Blueprint, Response, abort, current_app, g, redirect, render_template,
                   request, url_for)
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from ..contract.limits import COLORS, MAX_NOTE
from ..contract.fields import clean_tags
from ..db import get_store
from ..errors import HatcheryError, ValidationError
from ..export import FORMATS as EXPORT_FORMATS
from ..store import LibraryFilters
from ..urls import is_web_url
from . import auth

blueprint = Blueprint("library", __name__)

PAGE_SIZE = 30
# Private-use characters mark search matches inside FTS snippets: the view
# escapes the snippet, then turns only these into <mark>.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

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
    session = auth.current_session(get_store())
    if session is None:
        return render_template("library/login_needed.html"), 401
    if request.method == "POST":
        if not auth.same_origin() or not auth.csrf_ok(session, request.form.get(auth.CSRF_FIELD)):
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
            "csrf_field": auth.CSRF_FIELD}


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


@blueprint.app_template_filter("day")
def day(stamp: str | None) -> str:
    return (stamp or "")[:10]


# -- login ----------------------------------------------------------------


@blueprint.get("/login")
def login():
    session_id = auth.log_in(get_store(), request.args.get("code", ""))
    if session_id is None:
        return render_template("library/login_needed.html", expired=True), 401
    response = redirect(url_for("library.index"))
    auth.set_cookie(response, session_id)
    return response


@blueprint.post("/logout")
def logout():
    auth.log_out(get_store())
    response = redirect(url_for("library.logged_out"))
    response.delete_cookie(auth.COOKIE, path="/", httponly=True, samesite="Strict")
    return response


@blueprint.get("/logged-out")
def logged_out():
    return render_template("library/login_needed.html", logged_out=True)


# -- browsing -------------------------------------------------------------


def _filters() -> LibraryFilters:
    args = request.args
    color = args.get("color", "")
    return LibraryFilters(tag=args.get("tag", "").strip(),
                          color=color if color in COLORS else "",
                          site=args.get("site", "").strip().lower(),
                          date_from=_date_arg("from"), date_to=_date_arg("to"))


def _date_arg(name: str) -> str:
    value = request.args.get(name, "").strip()
    if value and not (len(value) == 10 and value[4] == "-" and value[7] == "-"
                      and value.replace("-", "").isdigit()):
        raise ValidationError(f"`{name}` must be a date like 2024-03-31.")
    return value


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("page", 1)))
    except ValueError:
        return 1


@blueprint.get("/")
def index():
    store = get_store()
    filters = _filters()
    number = _page_number()
    pages, total = store.library_pages(filters, limit=PAGE_SIZE,
                                       offset=(number - 1) * PAGE_SIZE)
    sites = sorted({host(u) for u in store.page_urls() if web_url(u)})
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "library/index.html", pages=pages, total=total, filters=filters,
        filtered=any(vars(filters).values()), tags=store.tag_counts(), sites=sites,
        page_number=number, last_page=max(1, -(-total // PAGE_SIZE)),
        page_link=lambda n: url_for("library.index") + "?" + urlencode({**args, "page": n}),
        deleted=request.args.get("deleted"))


@blueprint.get("/search")
def search():
    query = request.args.get("q", "").strip()
    results, problem = {"highlights": [], "pages": []}, None
    if query:
        try:
            results = get_store().search_marked(query, limit=100, open_mark=MARK_OPEN,
                                                close_mark=MARK_CLOSE)
        except sqlite3.OperationalError:
            current_app.logger.info("search failed for %r", query, exc_info=True)
            problem = ("Hatchery could not read that search. Try plain words; add * to a "
                       "word's end to match its beginning, like tide*.")
    return render_template("library/search.html", query=query, results=results,
                           problem=problem)


@blueprint.get("/pages/<int:page_id>")
def page(page_id: int):
    store = get_store()
    found = store.get_page(page_id)
    found["highlights"] = store.highlights_for_page(page_id)
    return render_template("library/page.html", page=found,
                           deleted=request.args.get("deleted"),
                           saved=request.args.get("saved"))


# -- editing --------------------------------------------------------------


def _back(default: str, **params) -> Response:
    """Redirect to the form's `next` (a path on this site) or `default`."""
    target = request.form.get("next", "")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = default
    base, _, fragment = target.partition("#")
    base, _, old_query = base.partition("?")
    kept = [(k, v) for k, v in parse_qsl(old_query) if k not in ("deleted", "saved")]
    query = urlencode(kept + [(k, v) for k, v in params.items() if v])
    return redirect(base + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else ""))


@blueprint.post("/highlights/<highlight_id>")
def edit_highlight(highlight_id: str):
    form = request.form
    changes: dict = {}
    if "color" in form:
        if form["color"] not in COLORS:
            raise ValidationError(f"The colour must be one of {', '.join(COLORS)}.")
        changes["color"] = form["color"]
    if "note" in form:
        if len(form["note"]) > MAX_NOTE:
            raise ValidationError(f"A note can be at most {MAX_NOTE} characters.")
        changes["note"] = form["note"].replace("\r\n", "\n").strip()
    if "tags" in form:
        changes["tags"] = clean_tags(form["tags"].split(","))
    highlight = get_store().update_highlight(highlight_id, changes)
    default = url_for("library.page", page_id=highlight["page_id"])
    return _back(f"{default}#h-{highlight_id}", saved=highlight_id)


@blueprint.post("/highlights/<highlight_id>/delete")
def delete_highlight(highlight_id: str):
    highlight = get_store().trash_highlight(highlight_id)
    return _back(url_for("library.page", page_id=highlight["page_id"]), deleted=highlight_id)


@blueprint.post("/highlights/<highlight_id>/restore")
def restore_highlight(highlight_id: str):
    highlight = get_store().restore_highlight(highlight_id)
    default = url_for("library.page", page_id=highlight["page_id"])
    return _back(f"{default}#h-{highlight_id}")


# -- hatches --------------------------------------------------------------


@blueprint.get("/hatches")
def hatches():
    number = _page_number()
    found, total = get_store().list_hatches(limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    return render_template("library/hatches.html", hatches=found, total=total,
                           page_number=number, last_page=max(1, -(-total // PAGE_SIZE)))


@blueprint.get("/hatches/<int:hatch_id>")
def hatch(hatch_id: int):
    store = get_store()
    found = store.get_hatch(hatch_id)
    result = found.get("result") or {}
    citations = {c.get("n"): c for c in result.get("citations") or [] if isinstance(c, dict)}
    highlights = {}
    for citation in citations.values():
        if citation.get("highlight_id"):
            highlights[citation["highlight_id"]] = store.find_highlight(citation["highlight_id"])
    return render_template("library/hatch.html", hatch=found, result=result,
                           citations=citations, highlights=highlights)


@blueprint.get("/hatches/<int:hatch_id>.md")
def hatch_markdown(hatch_id: int):
    from ..api.export import export_response

    return export_response("hatch", str(hatch_id))


# -- import and export ----------------------------------------------------


@blueprint.get("/export")
def export_download():
    from ..api.export import export_response

    fmt = request.args.get("format")
    if fmt is None:
        return render_template("library/transfer.html", formats=EXPORT_FORMATS)
    return export_response(fmt, request.args.get("hatch_id"))


@blueprint.get("/import")
def import_form():
    return render_template("library/transfer.html", formats=EXPORT_FORMATS)


@blueprint.post("/import")
def import_upload():
    from ..cli import describe_import
    from ..importers import ImportFailed, import_bytes

    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ValidationError("Choose a file to import.")
    raw = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        raise ValidationError("That file is larger than 20 MB; import it with "
                              "`hatchery import FILE` instead.")
    try:
        report = import_bytes(get_store(), raw)
    except ImportFailed as error:
        return render_template("library/transfer.html", formats=EXPORT_FORMATS,
                               import_error=f"{upload.filename}: {error.message}"), 422
    return render_template("library/transfer.html", formats=EXPORT_FORMATS,
                           report=report, summary=describe_import(report),
                           filename=upload.filename)
