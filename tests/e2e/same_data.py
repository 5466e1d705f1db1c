#!/usr/bin/python3
"""Exits 0 if two HDF5 results hold bit-identical datasets and attributes (except `created`)."""
import sys

import h5py
import numpy as np

a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
names_a, names_b = [], []
a.visit(names_a.append)
b.visit(names_b.append)
if sorted(names_a) != sorted(names_b):
    sys.exit("different objects")
for n in names_a:
    if isinstance(a[n], h5py.Dataset):
        x, y = a[n][:], b[n][:]
        if x.dtype != y.dtype or x.tobytes() != y.tobytes():
            sys.exit(f"dataset {n} differs")
for k in a.attrs:
    if k != "created" and not np.array_equal(np.asarray(a.attrs[k]), np.asarray(b.attrs[k])):
        sys.exit(f"attribute {k} differs")
print(f"identical: {len(names_a)} objects")
