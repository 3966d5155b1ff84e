"""The OpenAPI document describes every route the server answers."""

import re


def test_every_registered_route_is_in_the_openapi_document(app, client):
    spec = client.get("/api/openapi.json").json
    assert spec["openapi"].startswith("3.")
    documented = {(path, method.upper()) for path, item in spec["paths"].items()
                  for method in item if method != "parameters"}
    registered = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            registered.add((path, method))
    assert registered - documented == set(), "routes missing from contract/openapi.py"
    assert documented - registered == set(), "contract/openapi.py documents routes that do not exist"


def test_every_path_parameter_is_declared(client):
    spec = client.get("/api/openapi.json").json
    for path, item in spec["paths"].items():
        names = set(re.findall(r"{(\w+)}", path))
        declared = {p["name"] for p in item.get("parameters", []) if p["in"] == "path"}
        assert names == declared, path
