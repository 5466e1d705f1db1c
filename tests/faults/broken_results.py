#!/usr/bin/env python3
"""Named breaks of a good result file (issue 22, item 6), each made with h5py, through the four
readers (`report`, `export --csv`, `summary`, Python `bordersim.open` when importable): every
reader must refuse each file (exit 1) with a message naming what is wrong, never read it from
defaults ("0 replications", "mean over 1 replication(s)", a header without its unit).

Usage: broken_results.py BORDERSIM_BINARY SCENARIO [PYTHONPATH]
"""
import os
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import readers  # noqa: E402


def delete_attrs(*names):
    def edit(f):
        for n in names:
            del f.attrs[n]
    return edit


def wrong_type(name, value):
    def edit(f):
        del f.attrs[name]
        f.attrs[name] = value
    return edit


def rename_attr(obj, old, new):
    def edit(f):
        o = f[obj] if obj != "/" else f
        v = o.attrs[old]
        del o.attrs[old]
        o.attrs[new] = v
    return edit


def delete_object(path):
    def edit(f):
        del f[path]
    return edit


def vehicles_unit(value):
    def edit(f):
        ds = f["replications/r000/vehicles"]
        del ds.attrs["transit_s_unit"]
        if value is not None:
            ds.attrs["transit_s_unit"] = value
    return edit


# name, edit of the open file (or None), a word the message must hold, a byte-level edit after.
CASES = [
    ("root attribute replications removed", delete_attrs("replications"), "replications"),
    ("root attributes removed", delete_attrs("replications", "seed", "horizon_s", "warmup_s",
                                             "time_zone", "start_epoch_s"), "missing"),
    ("root attribute replications a string", wrong_type("replications", "2"), "replications"),
    ("root attribute horizon_s a string", wrong_type("horizon_s", "5d"), "horizon_s"),
    ("root attribute seed an array", wrong_type("seed", np.array([1, 2], dtype=np.int64)), "seed"),
    ("time zone attribute lost", rename_attr("/", "time_zone", "time_zonf"), "time_zone"),
    ("replication group missing", delete_object("replications/r001"), "replication"),
    ("replication group unreadable", None, "r001"),
    ("table units attribute removed", vehicles_unit(None), "transit_s"),
    ("table units attribute not a string", vehicles_unit(np.array([1, 2])), "transit_s"),
    ("lookup table missing", delete_object("lookup/stops"), "stops"),
]


def damage_header(path, obj):
    """Flips a byte inside the object header of `obj`: its checksum no longer matches."""
    with h5py.File(path, "r") as f:
        addr = h5py.h5o.get_info(f[obj].id).addr
    with open(path, "r+b") as fh:
        fh.seek(addr + 8)
        b = fh.read(1)
        fh.seek(addr + 8)
        fh.write(bytes([b[0] ^ 0x5A]))


def main():
    if len(sys.argv) < 3:
        return readers.main_usage(__doc__)
    binary, scenario = os.path.abspath(sys.argv[1]), sys.argv[2]
    env = readers.env_with(sys.argv[3] if len(sys.argv) > 3 else None)
    names = ["report", "export", "summary"] + (["python"] if readers.python_available(env) else [])
    work = tempfile.mkdtemp()
    failures = 0
    try:
        good = os.path.join(work, "good.h5")
        subprocess.run([binary, "run", scenario, "-o", good, "--replications", "2", "--horizon", "4d",
                        "--warmup", "1d", "--quiet"], check=True, stdout=subprocess.DEVNULL)
        for i, (name, edit, word) in enumerate(CASES):
            path = os.path.join(work, f"case{i}.h5")
            shutil.copy(good, path)
            if edit:
                with h5py.File(path, "r+") as f:
                    edit(f)
            else:
                damage_header(path, "replications/r001")
            for reader in names:
                kind, detail, _ = readers.read_one(reader, binary, path, work, env)
                ok = kind == "refused" and word in detail
                failures += not ok
                print(f"{'PASS' if ok else 'FAIL'} {name}: {reader}: {kind}: {detail[:160]}")
        print(f"{len(CASES) * len(names) - failures} passed, {failures} failed")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
