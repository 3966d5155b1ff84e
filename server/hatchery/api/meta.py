"""GET /api/health (no token needed) and GET /api/openapi.json."""

from flask import Blueprint, current_app

from ..contract.meta import Health
from ..contract.openapi import build_spec
from ..services.hatches import available_engines, configured_model

blueprint = Blueprint("meta", __name__)


@blueprint.get("/health")
def health():
    return Health.dump(status="ok", version=current_app.config["VERSION"],
                       engines=available_engines(current_app.config),
                       llm_model=configured_model(current_app.config))


@blueprint.get("/openapi.json")
def openapi():
    return build_spec(current_app.config["VERSION"], available_engines(current_app.config))
