#!/usr/bin/python3
"""Regenerates src/main/io/nwb/out/cached-spec.json: the namespaces every NWB file the app writes caches in
/specifications (as pynwb does), as JSON text per schema source. Core 2.7.0 comes from ../shared/nwb-schema
(BSD licence), hdmf-common from Debian's python3-hdmf (the version the independent validator uses).

Usage: /usr/bin/python3 scripts/nwb-spec-json.py [CORE_DIR] [HDMF_COMMON_DIR]
"""
import json, os, sys
import yaml

here = os.path.dirname(os.path.abspath(__file__))
core_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "nwb-schema", "2.7.0", "core")
common_dir = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/python3/dist-packages/hdmf/common/hdmf-common-schema/common"


def load(path):
    with open(path) as fh:
        return yaml.safe_load(fh)


def namespace(ns_file, name):
    """One namespace as pynwb caches it: {"namespaces": [ns]} with sources named without ".yaml"."""
    ns = next(n for n in load(ns_file)["namespaces"] if n["name"] == name)
    sources = {}
    for part in ns["schema"]:
        if "source" in part:
            stem = part["source"][: -len(".yaml")] if part["source"].endswith(".yaml") else part["source"]
            sources[stem] = load(os.path.join(os.path.dirname(ns_file), part["source"]))
            part["source"] = stem
    return {"name": name, "version": ns["version"], "namespace": {"namespaces": [ns]}, "sources": sources}


out = [
    namespace(os.path.join(core_dir, "nwb.namespace.yaml"), "core"),
    namespace(os.path.join(common_dir, "namespace.yaml"), "hdmf-common"),
]
target = os.path.join(here, "..", "src", "main", "io", "nwb", "out", "cached-spec.json")
with open(target, "w") as fh:
    json.dump(out, fh, separators=(",", ":"), sort_keys=False)
    fh.write("\n")
print(target, os.path.getsize(target), "bytes:", ", ".join(f"{n['name']} {n['version']}" for n in out))
