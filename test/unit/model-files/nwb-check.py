# Independent check of a generated-trials NWB file with h5py (not the app's reader): asserts the NWB 2.x
# required fields and prints a JSON summary for the calling test to compare. Exit 1 with a message on failure.
import json
import sys

import h5py
import numpy as np


def text(v):
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, np.ndarray):
        return [text(x) for x in v.tolist()]
    if isinstance(v, list):
        return [text(x) for x in v]
    return v


def need(cond, msg):
    if not cond:
        print(msg, file=sys.stderr)
        sys.exit(1)


f = h5py.File(sys.argv[1], "r")
for a in ("namespace", "neurodata_type", "nwb_version", "object_id"):
    need(a in f.attrs, f"root attribute {a} missing")
need(text(f.attrs["neurodata_type"]) == "NWBFile", "root is not an NWBFile")
for d in ("identifier", "session_description", "session_start_time", "timestamps_reference_time", "file_create_date"):
    need(d in f and isinstance(f[d], h5py.Dataset), f"/{d} missing")
for g in ("acquisition", "analysis", "processing", "stimulus/presentation", "stimulus/templates", "general"):
    need(g in f and isinstance(f[g], h5py.Group), f"/{g} missing")
need(f["general/was_generated_by"].shape[1] == 2, "was_generated_by must be N x 2")
need("file_name" in f["general/source_script"].attrs, "source_script@file_name missing")


def table(path, required):
    t = f[path]
    for a in ("colnames", "description", "neurodata_type", "namespace", "object_id"):
        need(a in t.attrs, f"{path}@{a} missing")
    cols = text(t.attrs["colnames"])
    for c in required:
        need(c in cols, f"{path} colnames lack {c}")
    n = t["id"].shape[0]
    for c in cols:
        need(c in t, f"{path}/{c} missing")
        need("description" in t[c].attrs, f"{path}/{c}@description missing")
        if c + "_index" in t:
            idx = t[c + "_index"]
            need(t[idx.attrs["target"]].name == t[c].name, f"{path}/{c}_index@target wrong")
            ends = idx[()]
            need(len(ends) == n and (np.diff(ends) >= 0).all() and ends[-1] == t[c].shape[0], f"{path}/{c}_index bad")
        else:
            need(t[c].shape[0] == n, f"{path}/{c} length differs from id")
    return t, n


units, n_units = table("units", ["spike_times", "area", "cell_type", "recorded_unit"])
trials, n_trials = table("intervals/trials", ["start_time", "stop_time", "stimulus_condition", "outcome"])
need(text(units.attrs["neurodata_type"]) == "Units", "units is not Units")
ends = units["spike_times_index"][()]
counts = np.diff(np.concatenate([[0], ends])).tolist()
out = {
    "nwb_version": text(f.attrs["nwb_version"]),
    "n_units": n_units,
    "n_trials": n_trials,
    "spike_counts": counts,
    "areas": text(units["area"][()]),
    "cell_types": text(units["cell_type"][()]),
    "recorded_unit": text(units["recorded_unit"][()]),
    "outcomes": text(trials["outcome"][()]),
    "conditions": trials["stimulus_condition"][()].tolist(),
    "was_generated_by": text(f["general/was_generated_by"][()]),
}
jaw_path = "processing/behavior/BehavioralTimeSeries/jaw"
if jaw_path in f:
    jaw = f[jaw_path]
    need(text(jaw.attrs["neurodata_type"]) == "TimeSeries", "jaw is not a TimeSeries")
    need("unit" in jaw["data"].attrs and "timestamps" in jaw, "jaw data@unit or timestamps missing")
    need(text(f["processing/behavior"].attrs["neurodata_type"]) == "ProcessingModule", "behavior module type")
    out["jaw_samples"] = int(jaw["data"].shape[0])
    out["jaw_first"] = float(jaw["data"][0])
print(json.dumps(out))
