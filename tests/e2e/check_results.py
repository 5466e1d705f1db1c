#!/usr/bin/python3
"""Reads a `bordersim run` result with h5py and pandas and checks fields, units and invariants.

Usage: check_results.py RESULT.h5
Exits non-zero with a message on the first violated expectation.
"""
import sys

import h5py
import numpy as np
import pandas as pd

path = sys.argv[1]
failures = []


def expect(cond, msg):
    if not cond:
        failures.append(msg)


with h5py.File(path, "r") as f:
    for attr in ["bordersim_version", "git_revision", "scenario_name", "scenario_yaml", "seed", "replications",
                 "horizon_s", "warmup_s", "created"]:
        expect(attr in f.attrs, f"root attribute {attr} missing")
    reps = int(f.attrs["replications"])
    expect("name:" in f.attrs["scenario_yaml"], "scenario_yaml holds the scenario text")
    for table in ["flows", "cargo", "stops", "treatments", "queues", "outcomes", "modes", "sides", "crossings",
                  "directions", "group_kinds"]:
        expect(f"lookup/{table}" in f, f"/lookup/{table} missing")
    expect("lookup/lanes" not in f and "lookup/stages" not in f, "no /lookup/lanes or /lookup/stages any more")
    names = {t: [n.decode() for n in f[f"lookup/{t}"]["name"]] for t in ["flows", "cargo", "stops", "treatments",
                                                                          "sides", "crossings", "directions",
                                                                          "group_kinds"]}
    expect(names["directions"] == ["export", "import"], "directions decode 0 export, 1 import")
    expect(names["treatments"] == ["regular", "priority"], "treatments decode 0 regular, 1 priority")
    expect([n.decode() for n in f["lookup/queues"]["name"]] == ["shared", "shared_priority", "lane"], "queue names")
    expect("currency" in f["lookup/cargo"].dtype.names, "/lookup/cargo names each class's currency")
    summary = f["summary"][:]
    expect(set(summary.dtype.names) >= {"metric", "group", "unit", "mean", "sd", "ci95_lo", "ci95_hi", "n",
                                        "group_kind", "flow", "cargo", "treatment", "stop", "side", "crossing",
                                        "direction"},
           "summary columns")
    expect(len(summary) > 10, "summary has rows")

    # The group codes say what the label says, so a reader never splits it.
    def label(r):
        kind = names["group_kinds"][r["group_kind"]]
        cargo = "empty" if r["cargo"] == 65535 else (names["cargo"][r["cargo"]] if r["cargo"] >= 0 else None)
        flow = names["flows"][r["flow"]] if r["flow"] >= 0 else None
        stop = names["stops"][r["stop"]] if r["stop"] >= 0 else None
        return {"all": lambda: "all", "cargo": lambda: f"cargo:{cargo}", "flow_cargo": lambda: f"{flow}/{cargo}",
                "flow_cargo_treatment": lambda: f"{flow}/{cargo}/{names['treatments'][r['treatment']]}",
                "flow_stop": lambda: f"{flow}@{stop}", "stop": lambda: stop,
                "side": lambda: names["sides"][r["side"]], "rail": lambda: flow,
                "crossing_direction": lambda: f"{names['crossings'][r['crossing']]}.{names['directions'][r['direction']]}",
                "cargo_direction": lambda: f"cargo:{cargo}/{names['directions'][r['direction']]}",
                "yard": lambda: names["sides"][r["side"]] + ("" if r["direction"] < 0 else
                                                             "." + ["outbound", "inbound"][r["direction"]]),
                }[kind]()
    bad = [r["group"].decode() for r in summary if label(r) != r["group"].decode()]
    expect(not bad, f"group codes disagree with labels: {bad[:3]}")
    horizon = float(f.attrs["horizon_s"])
    v = f["replications/r000/vehicles"]
    expect(v.attrs["arrival_s_unit"] == "s", "vehicle times carry the unit s")
    expect(v.chunks is not None and v.compression == "gzip", "vehicle table chunked and deflate-compressed")
    veh = v[:]
    for col in ["id", "flow", "cargo", "treatment", "arrival_s", "border_in_s", "border_out_s", "transit_s", "wait_s",
                "spoiled", "value_lost"]:
        expect(col in veh.dtype.names, f"vehicles.{col} missing")
    g = f["replications/r000"]
    arrived, released, rejected, away, in_system = (
        int(g.attrs[k]) for k in ["arrived", "released", "rejected", "turned_away", "in_system"])
    expect(arrived == released + rejected + away + in_system,
           "conservation: arrived = released + rejected + turned away + in system")
    expect(len(veh) == arrived, "one vehicle row per arrival")
    expect(int((veh["outcome"] == 0).sum()) == released, "released count matches the table")
    expect(int((veh["outcome"] == 2).sum()) == in_system, "in-system count matches the table")
    done = veh[veh["outcome"] == 0]
    expect((done["wait_s"] >= 0).all(), "no negative waits")
    expect((done["transit_s"] >= done["wait_s"] - 1e-6).all(), "wait within transit")
    expect((done["done_s"] >= done["arrival_s"]).all(), "done after arrival")
    expect((done["done_s"] <= horizon + 1e-6).all(), "done within the horizon")
    trucks = done[done["mode"] == 0]
    for a, b in [("arrival_s", "border_in_s"), ("border_in_s", "crossed_s"), ("crossed_s", "border_out_s"),
                 ("border_out_s", "done_s")]:
        ok = (trucks[b] >= trucks[a] - 1e-6) | (trucks[a] < 0) | (trucks[b] < 0)
        expect(ok.all(), f"times ordered: {a} <= {b}")
    expect(int(veh["treatment"].max()) < len(names["treatments"]), "treatment codes resolve in /lookup/treatments")
    st = f["replications/r000/visits"][:]
    expect(list(st.dtype.names) == ["vehicle_id", "stop", "queue", "enter_s", "start_s", "end_s"], "visits columns")
    expect((st["enter_s"] <= st["start_s"]).all() and (st["start_s"] <= st["end_s"]).all(),
           "stop visits ordered enter <= start <= end")
    expect(int(st["stop"].max()) < len(f["lookup/stops"]), "stop codes resolve in /lookup/stops")
    expect(int(st["queue"].max()) < len(f["lookup/queues"]), "queue codes resolve in /lookup/queues")
    ts = f["replications/r000/timeseries"][:]
    stops = f["stops"][:]
    expect(list(ts.dtype.names) == ["t_s", "stop", "queue", "busy"], "time series is a long table")
    expect((np.diff(ts["t_s"]) >= 0).all() and len(np.unique(ts["t_s"])) * len(stops) == len(ts),
           "time series: every site of /stops at every sample, in time order")
    expect((ts["stop"] == np.tile(np.arange(len(stops)), len(ts) // len(stops))).all(),
           "time series: sites in code order at each sample")
    expect(len(stops) == len(f["lookup/stops"]) and
           [s.decode() for s in stops["name"]] == [x["name"].decode() for x in f["lookup/stops"][:]],
           "/stops names every site of /lookup/stops in code order")
    cap = f["replications/r000/capacity"][:]
    expect(len(cap) > 0 and int(cap["stop"].max()) < len(stops) and (cap["servers"] >= 0).all(),
           "capacity steps name sites of /stops")
    hours = [r for r in summary if r["metric"] == b"server_hours_per_day"]
    expect(len(hours) > 0, "server_hours_per_day in the summary")
    for r in range(reps):
        expect(f"replications/r{r:03d}" in f, f"replication {r} group")
        # The daily backlog: t_s, then <crossing>.export, <crossing>.import per crossing, in every replication.
        bl = f[f"replications/r{r:03d}/backlog"]
        expect(list(bl.dtype.names) == ["t_s"] + [f"{c}.{d}" for c in names["crossings"] for d in ["export", "import"]],
               "backlog columns")
        expect(bl.attrs["t_s_unit"] == "s" and (np.diff(bl["t_s"][:]) == 86400).all(), "backlog sampled daily")
    grow = [r for r in summary if r["metric"] == b"backlog_growth_per_day"]
    expect(len(grow) == 2 * len(names["crossings"]), "backlog_growth_per_day per crossing and direction")

df = pd.read_hdf(path, "replications/r000/vehicles")
expect(len(df) == arrived, "pandas.read_hdf reads every vehicle")
expect(float(df["transit_s"][df["outcome"] == 0].mean()) > 0, "pandas sees transit times")
sm = pd.read_hdf(path, "summary")
expect(len(sm) == len(summary), "pandas reads the summary")

if failures:
    print("FAILED:", *failures, sep="\n  ")
    sys.exit(1)
print(f"ok: {path}: {arrived} vehicles, {len(st)} stop visits, {len(summary)} summary rows")
