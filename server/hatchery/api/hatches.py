"""POST /api/hatches, GET /api/hatches, GET /api/hatches/ID."""

from flask import Blueprint, Response, current_app, request

from ..contract.common import Paging
from ..contract.hatches import HatchList, HatchReply, HatchRequest
from ..db import get_store
from ..errors import ValidationError
from ..hatch import NothingToHatch
from ..services import exports
from ..services.hatches import create_hatch, engine_options, flatten
from . import validate

blueprint = Blueprint("hatches", __name__)


@blueprint.post("/hatches")
def create():
    asked = validate.body(HatchRequest)
    options = engine_options(current_app.config, asked.engine)
    try:
        stored = create_hatch(get_store(), page_ids=asked.page_ids,
                              highlight_ids=asked.highlight_ids, engine=asked.engine,
                              length=asked.length, options=options)
    except NothingToHatch as error:
        raise ValidationError(str(error), code="nothing_to_hatch") from None
    return HatchReply.dump(hatch=flatten(stored)), 201


@blueprint.get("/hatches")
def index():
    paging = validate.query(Paging)
    hatches, total = get_store().list_hatches(limit=paging.limit, offset=paging.offset)
    return HatchList.dump(hatches=hatches, total=total, limit=paging.limit, offset=paging.offset)


@blueprint.get("/hatches/<int:hatch_id>")
def detail(hatch_id: int):
    stored = get_store().get_hatch(hatch_id)
    best = request.accept_mimetypes.best_match(["application/json", "text/markdown"])
    # The stored Markdown, or one made from the parts when an import had none.
    markdown = (stored.get("result") or {}).get("markdown") or exports.hatch_markdown(stored)
    if best == "text/markdown":
        return Response(markdown, mimetype="text/markdown")
    return HatchReply.dump(hatch={**flatten(stored), "markdown": markdown})
