#!/usr/bin/env python3
"""Validates JSON bodies against schemas of an OpenAPI document.

usage: validate_schema.py OPENAPI.yaml CASES.json
CASES.json is a list of {"label": str, "schema": "Machine" | "[Machine]", "body": <json>}.
`$ref`s resolve into the document's components.schemas. Prints one line per failure and exits 1
when any case fails; exits 2 when a schema named by a case is not in the document.
"""
import json
import sys

import jsonschema
import yaml


def main():
    document = yaml.safe_load(open(sys.argv[1]))
    cases = json.load(open(sys.argv[2]))
    schemas = document.get("components", {}).get("schemas", {})
    failures = 0
    for case in cases:
        name = case["schema"]
        is_array = name.startswith("[") and name.endswith("]")
        name = name.strip("[]")
        if name not in schemas:
            print(f"{case['label']}: schema {name} is not in {sys.argv[1]}")
            sys.exit(2)
        ref = {"$ref": f"#/components/schemas/{name}"}
        root = {"type": "array", "items": ref} if is_array else {"allOf": [ref]}
        root["components"] = {"schemas": schemas}
        validator = jsonschema.Draft7Validator(root)
        errors = sorted(validator.iter_errors(case["body"]), key=lambda e: list(e.path))
        for error in errors:
            failures += 1
            path = "/".join(str(p) for p in error.path) or "(top)"
            print(f"{case['label']}: {name} at {path}: {error.message}")
    print(f"{len(cases)} bodies checked, {failures} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
