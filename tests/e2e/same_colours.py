#!/usr/bin/python3
"""Checks that a cargo class has the same colour in two rendered reports.

Usage: same_colours.py A.dom B.dom
Every mark of a cargo class carries data-cargo="<class>"; the classes the two reports share
must be drawn in one colour, the same in both, and they must share at least one.
"""
import re
import sys


def colours(path):
    out = {}
    dom = open(path, encoding="utf-8").read()
    for tag in re.findall(r"<[a-z]+[^>]*data-cargo=\"[^\"]+\"[^>]*>", dom):
        cargo = re.search(r'data-cargo="([^"]+)"', tag).group(1)
        m = re.search(r'\s(?:fill|stroke)="(#[0-9a-fA-F]{3,6})"', tag) or \
            re.search(r"background:\s*(#[0-9a-fA-F]{3,6})", tag)
        if m:
            out.setdefault(cargo, set()).add(m.group(1).lower())
    return out


a, b = colours(sys.argv[1]), colours(sys.argv[2])
shared = sorted(set(a) & set(b))
failures = []
if not shared:
    failures.append(f"no cargo class in both reports ({sorted(a)} / {sorted(b)})")
for c in shared:
    if len(a[c]) != 1 or a[c] != b[c]:
        failures.append(f"{c}: {sorted(a[c])} in the first, {sorted(b[c])} in the second")
if failures:
    print("FAILED:", *failures, sep="\n  ")
    sys.exit(1)
print("ok: " + ", ".join(f"{c} {next(iter(a[c]))}" for c in shared))
