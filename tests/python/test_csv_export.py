#!/usr/bin/env python3
"""bordersim export --csv: every table of run, compare and sweep files round-trips (rows, values,
codes decoded through /lookup), units are in the header, and failures leave nothing behind.

Usage: test_csv_export.py BORDERSIM_BINARY SCENARIO_DIR
"""
import csv
import functools
import math
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

BIN, SCEN = sys.argv[1], pathlib.Path(sys.argv[2])

# The test's own oracle of which columns are codes (independent of the C++ contract).
CODED = {
    "vehicles": {"flow": "flows", "cargo": "cargo", "treatment": "treatments", "mode": "modes",
                 "outcome": "outcomes", "route": "routes", "response": "responses"},
    "visits": {"stop": "stops", "queue": "queues"},
    "trains": {"rail": "rail"},
    "route_steps": {"route": "routes", "flow": "flows"},
    "timeseries": {"stop": "stops"},
    "capacity": {"stop": "stops", "queue": "queues"},
    "stops": {"kind": "stop_kinds", "side": "sides", "crossing": "crossings",
              "direction": "stop_directions"},
}
GROUP = {"group_kind": "group_kinds", "flow": "flows", "cargo": "cargo", "treatment": "treatments",
         "stop": "stops", "side": "sides", "crossing": "crossings", "direction": "directions",
         "route": "routes", "agency": "agencies"}
for t in ("summary", "comparison", "points", "decomposition", "reliability"):
    CODED[t] = GROUP


def bordersim(*args, expect=0):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if p.returncode != expect:
        sys.exit(f"bordersim {' '.join(args)}: exit {p.returncode}, expected {expect}\n"
                 f"{p.stdout}{p.stderr}")
    return p


@functools.lru_cache(maxsize=None)
def lookup(f, base, name):
    t = f[(base + "/" if base else "") + "lookup/" + name][:]
    names = {int(r["code"]): r["name"].decode() for r in t}
    if name == "cargo":
        names[65535] = "empty"
    return names


def base_of(path, f, row=None):
    parts = path.split("/")
    if parts[0] in ("scenarios", "sweep") and len(parts) > 2:
        return "/".join(parts[:2])
    if parts[-1] in ("comparison", "decomposition"):
        return "scenarios/" + f[path].attrs["base"]
    if parts[-1] == "points":
        return "sweep/p%03d" % row
    return ""


def same_number(text, value):
    if isinstance(value, float) and math.isnan(value):
        return text == ""
    return float(text) == float(value)


def check_file(h5, outdir):
    failures = []
    f = h5py.File(h5, "r")
    tables = []
    f.visititems(lambda n, o: tables.append(n) if isinstance(o, h5py.Dataset) else None)
    written = sorted(str(p.relative_to(outdir))[:-4] for p in outdir.rglob("*.csv"))
    if sorted(tables) != written:
        failures.append(f"tables {sorted(tables)} but CSV files {written}")
    for path in tables:
        ds = f[path]
        data = ds[:]
        with open(outdir / (path + ".csv"), newline="") as fh:
            rows = list(csv.reader(fh))
        header, body = rows[0], rows[1:]
        if len(body) != len(data):
            failures.append(f"{path}: {len(body)} CSV rows, {len(data)} in the file")
            continue
        names = list(data.dtype.names)
        extra = header[len(names):]
        for i, col in enumerate(names):
            unit = ds.attrs.get(col + "_unit", "")
            want = f"{col} [{unit}]" if unit else col
            if header[i] != want:
                failures.append(f"{path}: header {header[i]!r}, expected {want!r}")
        kind = path.split("/")[-1]
        coded = {} if "lookup/" in path else CODED.get(kind, {})
        for r, rec in enumerate(data):
            base = base_of(path, f, int(rec["point"]) if kind == "points" else None)
            for i, col in enumerate(names):
                cell, v = body[r][i], rec[col]
                if col in coded:
                    want = "" if int(v) == -1 else lookup(f, base, coded[col])[int(v)]
                    if cell != want:
                        failures.append(f"{path} row {r} {col}: {cell!r}, expected {want!r}")
                elif isinstance(v, bytes):
                    if cell != v.decode():
                        failures.append(f"{path} row {r} {col}: {cell!r} != {v!r}")
                elif not same_number(cell, v.item()):
                    failures.append(f"{path} row {r} {col}: {cell!r} != {v!r}")
            if len(failures) > 20:
                return failures
        if kind == "points":
            pp = f["point_parameters"][:]
            for j, name in enumerate(extra):
                for r, rec in enumerate(data):
                    m = pp[(pp["point"] == rec["point"]) & (pp["axis"] == j)]
                    value = m["value"][0].decode()
                    cell = body[r][len(names) + j]
                    if not name.startswith(m["parameter"][0].decode()):
                        failures.append(f"points: extra column {name!r}")
                    if float(cell) != float(value.split("/")[0]):
                        failures.append(f"points row {r} {name}: {cell!r} for {value!r}")
            if not extra:
                failures.append("points: no parameter columns")
    return failures


def main():
    work = pathlib.Path(tempfile.mkdtemp())
    os.chdir(work)
    bordersim("run", str(SCEN / "lao_cai.yaml"), "--horizon", "3d", "--warmup", "1d",
              "--replications", "2", "--quiet", "-o", "run.h5")
    bordersim("compare", str(SCEN / "priority_lane_off.yaml"), str(SCEN / "priority_lane_on.yaml"),
              "--horizon", "3d", "--replications", "2", "--quiet", "-o", "cmp.h5")
    bordersim("sweep", str(SCEN / "fruit_surge.yaml"),
              "--set", "crossings.kim_thanh_bac_son.intake.export.rate=15/h,22/h",
              "--horizon", "3d", "--replications", "2", "--quiet", "-o", "sweep.h5")
    failures = []
    for name in ("run", "cmp", "sweep"):
        p = bordersim("export", f"{name}.h5", "--csv", f"{name}_csv")
        if not p.stdout.startswith(f"csv: {name}_csv ("):
            failures.append(f"export said {p.stdout!r}")
        failures += [f"{name}: {x}" for x in check_file(f"{name}.h5", work / f"{name}_csv")]

    # Decoded names actually appear (not codes), and the rail lookup decodes trains.rail.
    veh = (work / "run_csv/replications/r000/vehicles.csv").read_text()
    if ",exports,fresh_fruit," not in veh or "transit_s [s]" not in veh.splitlines()[0]:
        failures.append("vehicles.csv lacks decoded names or units")
    trains = (work / "run_csv/replications/r000/trains.csv").read_text().splitlines()
    if len(trains) < 2 or not trains[1].startswith("lao_cai_hekou,"):
        failures.append(f"trains.csv: rail not decoded: {trains[:2]}")
    pts = (work / "sweep_csv/points.csv").read_text().splitlines()[0]
    if not pts.endswith(",crossings.kim_thanh_bac_son.intake.export.rate [/h]"):
        failures.append(f"points.csv header: {pts}")

    # An existing directory: refused without --force, kept whole; replaced with it.
    before = sorted(p.name for p in (work / "run_csv").rglob("*"))
    p = bordersim("export", "run.h5", "--csv", "run_csv", expect=2)
    if "exists" not in p.stderr:
        failures.append(f"existing dir: {p.stderr!r}")
    if sorted(p.name for p in (work / "run_csv").rglob("*")) != before:
        failures.append("a refused export changed the directory")
    bordersim("export", "run.h5", "--csv", "run_csv", "--force")
    if check_file("run.h5", work / "run_csv"):
        failures.append("the --force export is not the whole table set")
    # Never replaces a directory that is not an export, even with --force.
    (work / "mine").mkdir()
    (work / "mine" / "notes.txt").write_text("keep me")
    p = bordersim("export", "run.h5", "--csv", "mine", "--force", expect=2)
    if "not an earlier bordersim export" not in p.stderr or not (work / "mine/notes.txt").exists():
        failures.append(f"non-export dir: {p.stderr!r}")
    # Not a result file, a missing file: clear errors, nothing created.
    with h5py.File("foreign.h5", "w") as f:
        f["x"] = np.arange(3)
    p = bordersim("export", "foreign.h5", "--csv", "foreign_csv", expect=1)
    if "not a bordersim result file" not in p.stderr or (work / "foreign_csv").exists():
        failures.append(f"foreign file: {p.stderr!r}")
    p = bordersim("export", "missing.h5", "--csv", "m_csv", expect=2)
    if "no such result file" not in p.stderr:
        failures.append(f"missing file: {p.stderr!r}")
    # A failure half-way (a damaged table after good ones): no directory, no partial left.
    shutil.copy("run.h5", "damaged.h5")
    with h5py.File("damaged.h5", "a") as f:
        f["zz_damaged"] = np.zeros((2, 2))
    p = bordersim("export", "damaged.h5", "--csv", "d_csv", expect=1)
    left = [x.name for x in work.iterdir() if x.name.startswith("d_csv")]
    if "zz_damaged" not in p.stderr or left:
        failures.append(f"damaged file: {p.stderr!r}, left {left}")

    os.chdir("/")
    shutil.rmtree(work)
    if failures:
        print("\n".join(failures[:40]))
        sys.exit(1)
    print("csv export: every table of run, compare and sweep round-trips")


main()
