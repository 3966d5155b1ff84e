"""The HTTP API under /api: one blueprint per resource."""

from flask import Blueprint

from . import captures, export, hatch_stream, hatches, highlights, meta, pages, pair, search

blueprint = Blueprint("api", __name__, url_prefix="/api")
for module in (meta, pair, captures, highlights, pages, hatches, hatch_stream, search, export):
    blueprint.register_blueprint(module.blueprint)
