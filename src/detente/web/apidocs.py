"""The API reference at /docs: the app's own OpenAPI schema rendered as a page, no script.

Swagger UI and ReDoc load from a CDN and start from an inline script; our Content-Security-Policy
refuses both (and a server may have no internet), so the reference is plain server-rendered HTML.
"""

from __future__ import annotations

from typing import Any

_METHODS = ("get", "post", "put", "patch", "delete")


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per endpoint, grouped by tag: method, path, summary (the docstring's first line),
    description (the rest), parameters
    (name, where, type, required, description) and response statuses, in the schema's order."""
    found: list[dict[str, Any]] = []
    for path, item in schema.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "tag": (op.get("tags") or ["other"])[0],
                    "summary": _first_line(op.get("description")) or op.get("summary", ""),
                    "description": _rest(op.get("description")),
                    "parameters": [_parameter(p, schema) for p in op.get("parameters", [])],
                    "body": "requestBody" in op,
                    "responses": sorted(op.get("responses", {})),
                    "anchor": f"{method}-{path}".replace("/", "-")
                    .replace("{", "")
                    .replace("}", ""),
                }
            )
    order = {tag: i for i, tag in enumerate(dict.fromkeys(o["tag"] for o in found))}
    return sorted(found, key=lambda o: order[o["tag"]])


def _parameter(param: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    shape = param.get("schema", {})
    return {
        "name": param.get("name", ""),
        "where": param.get("in", ""),
        "type": _type_name(shape, schema),
        "required": bool(param.get("required")),
        "description": param.get("description") or shape.get("description") or "",
    }


def _type_name(shape: dict[str, Any], schema: dict[str, Any]) -> str:
    if "$ref" in shape:
        target = (
            schema.get("components", {}).get("schemas", {}).get(shape["$ref"].split("/")[-1], {})
        )
        if "enum" in target:
            return " | ".join(map(str, target["enum"]))
        return str(shape["$ref"]).split("/")[-1]
    if "enum" in shape:
        return " | ".join(map(str, shape["enum"]))
    if "anyOf" in shape:
        kinds = [_type_name(s, schema) for s in shape["anyOf"]]
        return " | ".join(k for k in kinds if k != "null") or "null"
    return str(shape.get("format") or shape.get("type") or "any")


def _first_line(text: str | None) -> str:
    return (text or "").strip().split("\n", 1)[0].strip()


def _rest(text: str | None) -> str:
    """A description less its first line (shown as the summary)."""
    parts = (text or "").strip().split("\n", 1)
    return parts[1].strip() if len(parts) > 1 else ""
