#!/usr/bin/python3
"""Checks a `bordersim compare` result. Usage: comparison.py FILE (self|lanes)"""
import sys

import h5py

f = h5py.File(sys.argv[1], "r")
c = f["comparison"][:]
if len(c) == 0:
    sys.exit("empty /comparison")
if sys.argv[2] == "self":
    bad = c[c["diff_mean"] != 0]
    if len(bad):
        sys.exit(f"comparing a scenario with itself gave {len(bad)} non-zero differences")
    if c["significant"].any():
        sys.exit("a difference of a scenario with itself was significant")
    print(f"ok: {len(c)} differences, all exactly zero")
else:
    rows = c[(c["metric"] == b"wait_mean") & (c["group"] == b"exports/fresh_fruit")]
    if len(rows) != 1:
        sys.exit("no wait_mean row for exports/fresh_fruit")
    r = rows[0]
    print(f"fruit waiting: off {r['base_mean']:.3f} h, on {r['variant_mean']:.3f} h, "
          f"diff {r['diff_mean']:.3f} [{r['diff_lo']:.3f}, {r['diff_hi']:.3f}]")
    if not (r["significant"] and r["diff_hi"] < 0):
        sys.exit("fruit does not wait significantly less with the priority lane")
    print("ok: fruit waits significantly less with the lane")
