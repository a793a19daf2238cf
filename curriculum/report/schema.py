"""JSON Schema for programme.yml and front matter, generated from the models,
for editor completion (YAML language server) and other tools."""

from __future__ import annotations

from pydantic import TypeAdapter

from ..model import HandoutMeta, NoteMeta, PlanMeta, Programme, WeeklyText


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
    texts = TypeAdapter(list[WeeklyText]).json_schema()
    texts["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    texts["title"] = "texts.yml (the weekly texts)"
    out["texts"] = texts
    return out
