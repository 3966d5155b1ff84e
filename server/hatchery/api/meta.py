"""GET /api/health and GET /api/openapi.json: the two routes without a token."""

from flask import Blueprint, current_app

from ..openapi import build_spec

blueprint = Blueprint("meta", __name__)


@blueprint.get("/health")
def health():
    return {"status": "ok", "version": current_app.config["VERSION"]}


@blueprint.get("/openapi.json")
def openapi():
    return build_spec(current_app.config["VERSION"])
