#!/usr/bin/env python3
"""The intended differences of issue 21 between a result file of an earlier build (BEFORE) and
one of this build (AFTER), on the same scenario and options; everything else must be identical:

  same_results.py finds no difference outside lookup/stops, the time series and the summary;
  lookup/stops gains sites (its earlier rows unchanged);
  the time series is long (t_s, stop, queue, busy), each earlier wide column equal to the long
  table's (site, measure);
  the summary gains server_hours_per_day rows, every other row byte-identical.

Usage: /usr/bin/python3 scripts/check_relaid.py BEFORE.h5 AFTER.h5   (exit 0: as intended)
"""
import os
import re
import subprocess
import sys

import h5py, numpy as np
b, a = sys.argv[1], sys.argv[2]
out = subprocess.run(["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "same_results.py"), b, a], capture_output=True, text=True).stdout
bad = [l for l in out.splitlines() if l.strip() and not re.match(r"^(lookup/stops|replications/r\d+/timeseries|summary)\b", l)]
fb, fa = h5py.File(b), h5py.File(a)
# lookup/stops: before's names are the first of after's
sb = [x["name"] for x in fb["lookup/stops"][:]]; sa = [x["name"] for x in fa["lookup/stops"][:]]
if sa[:len(sb)] != sb: bad.append("lookup/stops prefix differs")
# summary without the new metric
def rows(f, drop):
    s = f["summary"][:]
    return s[s["metric"] != drop] if drop else s
if rows(fa, b"server_hours_per_day").tobytes() != rows(fb, None).tobytes(): bad.append("summary rows differ beyond server_hours_per_day")
# time series: each wide column equals the long table's (site, measure)
names = [n.decode() for n in sa]
for r in fb["replications"]:
    p = f"replications/{r}/timeseries"
    if p not in fb: continue
    w = fb[p][:]; l = fa[p][:]
    n = len(names)
    for col in w.dtype.names[1:]:
        site, measure = col.rsplit(".", 1)
        if measure in ("yard", "road"):
            site, measure = site + ".yard", {"yard": "busy", "road": "queue"}[measure]
        k = names.index(site)
        if not np.array_equal(l[l["stop"] == k][measure], w[col]): bad.append(f"{p}: {col} differs"); break
    if not np.array_equal(np.unique(l["t_s"]), w["t_s"]): bad.append(f"{p}: t_s differs")
print("OK" if not bad else "\n".join(bad[:10]))
sys.exit(1 if bad else 0)
