"""The web library at `/`: browse, filter, search, edit, hatch, import and
export, for a person logged in through `hatchery open`.

Server-rendered Jinja templates (autoescaped: page text is data) and a
little plain JS. Every state-changing request is a POST carrying the
session's CSRF token; the JS calls /api/* with the same token in the
X-Hatchery-CSRF header.

`blueprint` holds the blueprint, its guard, headers, error pages and
template filters; each other module holds the views of one thing and
registers them on it when imported here.
"""

from . import auth, hatches, highlights, pages, transfer  # noqa: F401  (registers the views)
from .blueprint import blueprint

__all__ = ["blueprint"]
