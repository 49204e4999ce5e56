#!/usr/bin/env python3
"""Validates exported files with the engines' own schemas and parsers; prints one JSON object.

usage: validate_exports.py kubernetes|compose|nomad DIR [--compose-schema PATH] [--crd-schemas DIR]

kubernetes: every document of every *.yaml file through kubernetes-validate (strict mode, the newest
    Kubernetes version it ships). Kinds it has no schema for (custom resources such as KEDA's) are
    validated against the JSON schema in --crd-schemas named <kind lowercased>.json when there is one,
    and are otherwise reported as "unvalidated" (kubernetes-validate itself only warns about them).
compose: every *.yaml file against the Compose Specification JSON schema (jsonschema).
nomad: every *.hcl file parsed with python-hcl2; the parsed job is included (quotes stripped).
"""
import json
import os
import sys


def fail(message):
    print(json.dumps({"fatal": message}))
    sys.exit(0)


def load_yaml_all(path):
    import yaml
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def kubernetes(directory, crd_dir):
    try:
        import functools
        import jsonschema
        import kubernetes_validate
        from kubernetes_validate import utils
    except ImportError as e:
        fail("kubernetes-validate is not installed (%s): python3 -m pip install kubernetes-validate" % e)
    # The library reads its schema files for every document; reading each once keeps one run short.
    utils.schema_contents = functools.lru_cache(maxsize=None)(utils.schema_contents)
    version = utils.latest_version()
    crd_schemas = {}
    if crd_dir and os.path.isdir(crd_dir):
        for name in os.listdir(crd_dir):
            if name.endswith(".json"):
                with open(os.path.join(crd_dir, name)) as f:
                    crd_schemas[name[:-5]] = json.load(f)
    files = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".yaml"):
            continue
        result = {"documents": 0, "validated": 0, "crd_validated": 0, "errors": [], "unvalidated": [], "kinds": []}
        try:
            documents = load_yaml_all(os.path.join(directory, name))
        except Exception as e:
            result["errors"].append("YAML: %s" % e)
            files[name] = result
            continue
        for doc in documents:
            result["documents"] += 1
            kind = doc.get("kind", "?") if isinstance(doc, dict) else "?"
            label = "%s/%s" % (kind, (doc.get("metadata") or {}).get("name", "?") if isinstance(doc, dict) else "?")
            result["kinds"].append(kind)
            try:
                utils.validate(doc, version, strict=True)
                result["validated"] += 1
            except utils.ValidationError as e:
                path = ".".join(str(p) for p in e.path)
                result["errors"].append("%s: %s: %s" % (label, path, e.message))
            except utils.SchemaNotFoundError:
                schema = crd_schemas.get(kind.lower())
                if schema is None:
                    result["unvalidated"].append(label)
                    continue
                errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
                for e in errors:
                    result["errors"].append("%s: %s: %s" % (label, ".".join(str(p) for p in e.path), e.message))
                if not errors:
                    result["crd_validated"] += 1
            except Exception as e:
                result["errors"].append("%s: %s" % (label, e))
        files[name] = result
    return {"tool": "kubernetes-validate", "kubernetes_version": version, "files": files}


def compose(directory, schema_path):
    try:
        import jsonschema
    except ImportError as e:
        fail("jsonschema is not installed (%s): python3 -m pip install jsonschema" % e)
    with open(schema_path) as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    files = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".yaml"):
            continue
        result = {"errors": []}
        try:
            docs = load_yaml_all(os.path.join(directory, name))
            if len(docs) != 1:
                result["errors"].append("expected one YAML document, found %d" % len(docs))
            for doc in docs:
                for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
                    result["errors"].append("%s: %s" % (".".join(str(p) for p in e.path), e.message))
        except Exception as e:
            result["errors"].append("YAML: %s" % e)
        files[name] = result
    return {"tool": "jsonschema", "files": files}


def strip(value):
    """python-hcl2 keeps string quotes and block markers; give plain values."""
    if isinstance(value, dict):
        return {strip_key(k): strip(v) for k, v in value.items() if k != "__is_block__"}
    if isinstance(value, list):
        return [strip(v) for v in value]
    if isinstance(value, str) and len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return value[1:-1]
    return value


def strip_key(key):
    return key[1:-1] if len(key) >= 2 and key.startswith('"') and key.endswith('"') else key


def nomad(directory):
    try:
        import hcl2
    except ImportError as e:
        fail("python-hcl2 is not installed (%s): python3 -m pip install python-hcl2" % e)
    options = None
    if hasattr(hcl2, "SerializationOptions"):
        options = hcl2.SerializationOptions(with_comments=False, explicit_blocks=False, preserve_heredocs=False)
    files = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".hcl"):
            continue
        result = {"errors": []}
        try:
            with open(os.path.join(directory, name)) as f:
                text = f.read()
            parsed = hcl2.loads(text, serialization_options=options) if options else hcl2.loads(text)
            result["job"] = strip(parsed)
        except Exception as e:
            result["errors"].append(str(e).splitlines()[0] if str(e) else repr(e))
        files[name] = result
    return {"tool": "python-hcl2", "files": files}


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        fail("usage: validate_exports.py kubernetes|compose|nomad DIR [options]")
    mode, directory = args[0], args[1]
    option = lambda flag: args[args.index(flag) + 1] if flag in args and args.index(flag) + 1 < len(args) else None
    try:
        import yaml  # noqa: F401
    except ImportError:
        fail("PyYAML is not installed: python3 -m pip install pyyaml")
    if mode == "kubernetes":
        out = kubernetes(directory, option("--crd-schemas"))
    elif mode == "compose":
        out = compose(directory, option("--compose-schema"))
    elif mode == "nomad":
        out = nomad(directory)
    else:
        fail("unknown mode %s" % mode)
    print(json.dumps(out))


main()
