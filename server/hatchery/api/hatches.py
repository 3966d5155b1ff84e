"""POST /api/hatches, GET /api/hatches, GET /api/hatches/ID."""

from flask import Blueprint

from ..errors import UnavailableError

blueprint = Blueprint("hatches", __name__)


@blueprint.post("/hatches")
def create():
    raise UnavailableError("Hatching is not built yet.")


@blueprint.get("/hatches")
def index():
    raise UnavailableError("Hatching is not built yet.")


@blueprint.get("/hatches/<int:hatch_id>")
def detail(hatch_id: int):
    raise UnavailableError("Hatching is not built yet.")
