"""GET /api/health (no token needed) and GET /api/openapi.json."""

from flask import Blueprint, current_app

from ..services.hatches import available_engines
from ..openapi import build_spec

blueprint = Blueprint("meta", __name__)


@blueprint.get("/health")
def health():
    return {"status": "ok", "version": current_app.config["VERSION"],
            "engines": available_engines(current_app.config)}


@blueprint.get("/openapi.json")
def openapi():
    return build_spec(current_app.config["VERSION"], available_engines(current_app.config))
