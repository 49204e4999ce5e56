#!/usr/bin/env python3
"""Prints every operation of an OpenAPI document as `METHOD /path`, path parameters as `{}`."""
import re
import sys

import yaml

document = yaml.safe_load(open(sys.argv[1]))
prefix = sys.argv[2] if len(sys.argv) > 2 else ""
for path, item in document["paths"].items():
    for method in item:
        if method in ("get", "post", "put", "delete", "patch", "head", "options"):
            print(method.upper(), re.sub(r"\{[^}]*\}", "{}", prefix + path))
