#!/usr/bin/env python3
"""Compares two bordersim result files dataset by dataset (values, not layout).

Usage: same_results.py BEFORE.h5 AFTER.h5 [--rename OLD=NEW ...]

Each dataset of BEFORE must exist in AFTER (under its new name where a --rename maps it) with
identical values. OLD in --rename OLD=NEW is one of:
  a name            renames that path component, column or attribute everywhere (stages=visits);
  a path (a/b)      renames those consecutive components wherever they stand (so also under
                    /scenarios/<name> and /sweep/pNNN), before component renames
                    (lookup/stages=lookup/stops);
  table.column      renames a column only in the datasets named `table` (stages.lane=queue),
                    before the renames of the first kind.
Values must be identical (bit for bit where the types agree, so a NaN equals itself); attributes are compared too, except those
that name a moment or a build (created, git_revision, bordersim_version). A refactor that must
change no result runs this over every shipped scenario. Exit 0 when equal, 1 with a list of
differences otherwise. Needs Debian's h5py (/usr/bin/python3).
"""
import sys

import h5py
import numpy as np

SKIP_ATTRS = {"created", "git_revision", "bordersim_version"}


def main(argv):
    args = [a for a in argv if not a.startswith("--rename")]
    renames = {}
    for i, a in enumerate(argv):
        if a == "--rename":
            old, new = argv[i + 1].split("=", 1)
            renames[old] = new
    args = [a for a in args if "=" not in a]
    before, after = h5py.File(args[0], "r"), h5py.File(args[1], "r")
    problems = []

    paths = {k: v for k, v in renames.items() if "/" in k}
    columns = {k: v for k, v in renames.items() if "." in k and "/" not in k}

    def new_path(path):
        for old, new in paths.items():
            wrapped = "/" + path + "/"
            if "/" + old + "/" in wrapped:
                return wrapped.replace("/" + old + "/", "/" + new + "/", 1).strip("/")
        return "/".join(renames.get(p, p) for p in path.split("/"))

    def new_column(dataset, col):
        return columns.get(dataset.split("/")[-1] + "." + col, renames.get(col, col))

    def same(x, y):
        # Bit for bit where the types agree (NaN equals itself: a one-replication sd), else by value.
        x, y = np.asarray(x), np.asarray(y)
        if x.shape != y.shape:
            return False
        if x.dtype == y.dtype:
            return np.ascontiguousarray(x).tobytes() == np.ascontiguousarray(y).tobytes()
        try:
            return bool(np.array_equal(x, y, equal_nan=True))
        except TypeError:
            return bool(np.array_equal(x, y))

    def check_attrs(a, b, path):
        for k, v in a.attrs.items():
            if k in SKIP_ATTRS:
                continue
            k2 = renames.get(k, k)
            if k2 not in b.attrs:
                problems.append(f"{path}: attribute {k} missing")
            elif not same(v, b.attrs[k2]):
                problems.append(f"{path}: attribute {k} differs")

    def visit(name, obj):
        path = new_path(name)
        if path not in after:
            problems.append(f"{name}: missing in {args[1]} (as {path})")
            return
        other = after[path]
        check_attrs(obj, other, name)
        if isinstance(obj, h5py.Dataset):
            x, y = obj[()], other[()]
            if x.dtype.names:
                for col in x.dtype.names:
                    c2 = new_column(name, col)
                    if y.dtype.names is None or c2 not in y.dtype.names:
                        problems.append(f"{name}: column {col} missing")
                    elif not same(x[col], y[c2]):
                        problems.append(f"{name}: column {col} differs")
            elif not same(x, y):
                problems.append(f"{name}: values differ")

    check_attrs(before, after, "/")
    before.visititems(visit)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
