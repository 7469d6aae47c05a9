"""The JSON Schema of the answers file, as `seloste schema` prints it and as committed for editors."""

from __future__ import annotations

import json

from wizard.answers import answers_json_schema

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_text() -> str:
    schema = {"$schema": SCHEMA_DIALECT, **answers_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
