"""JSON Schema for programme.yml and front matter, generated from the models,
for editor completion (YAML language server) and other tools."""

from __future__ import annotations

from ..model import HandoutMeta, NoteMeta, PlanMeta, Programme


def schemas() -> dict[str, dict]:
    out = {}
    for name, model, title in (
        ("programme", Programme, "programme.yml"),
        ("plan", PlanMeta, "Contact plan front matter (sessions/*.md)"),
        ("handout", HandoutMeta, "Handout front matter (handouts/*.md)"),
        ("note", NoteMeta, "Facilitator notes front matter (facilitator_notes/*.md)"),
    ):
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = title
        out[name] = schema
    return out
