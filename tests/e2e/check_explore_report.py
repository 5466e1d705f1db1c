#!/usr/bin/python3
"""Checks the report of an explore file against the file it was made from.

Usage: check_explore_report.py DOM.html RESULT.h5 [--flip RULE_WORDS]
The findings open with the design (points, replications, design, what a CI covers), a sentence
per variant and headline figure giving the effect's range over the design as /robustness holds it
("cuts ... by a to b ... (better at k of n points"), and the input that explains most of the
spread; the page has an index chart and an effect chart (one dot per design point, a zero line,
units on the axes); the inputs table lists every input of /explore_inputs with its key and
why/source; no percentage is negative or above 100 %. With --flip, the findings and the flip
section state that region.
"""
import html
import re
import sys

import h5py

dom_path, h5_path, *rest = sys.argv[1:]
flip = rest[1] if len(rest) >= 2 and rest[0] == "--flip" else None
dom = open(dom_path, encoding="utf-8").read()
f = h5py.File(h5_path, "r")
failures = []


def section(name):
    m = re.search(r'<section id="%s">(.*?)</section>' % name, dom, flags=re.S)
    return m.group(1) if m else None


def words(fragment):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def num(s):
    return float(s.replace(",", ""))


findings = section("findings")
if findings is None:
    sys.exit("FAILED: no findings section")
text = words(findings)
points, reps = int(f.attrs["points"]), int(f.attrs["replications_least"])
if f"{points} points" not in text:
    failures.append(f"the findings do not give the number of points ({points})")
if f"{reps} replications" not in text:
    failures.append(f"the findings do not give the replications ({reps})")
if "CI covers only simulation noise" not in text:
    failures.append("the findings do not say what a point's CI covers")

# Each variant's effect sentences agree with /robustness: range, points better, points in all.
variants = [v for v in f.attrs["variants"].split(",") if v]
robust = f["robustness"][:] if "robustness" in f else []
sentences = re.findall(r"(\S+) (cuts|raises|changes) the (.*?) by (-?[\d.,]+) to (\+?-?[\d.,]+) "
                       r"(min|h|days|percentage points|[^(]*?) over the design \((.*?)\)\.", text)
if variants and not sentences:
    failures.append("no effect sentence ('V cuts M by a to b ... over the design (...)')")
for v, verb, what, a, b, unit, counts in sentences:
    if v not in variants:
        failures.append(f"effect sentence of unknown variant {v}")
        continue
    m = re.search(r"(?:better|worse) at (\d+) of (\d+) points", counts)
    if not m or int(m.group(2)) != points:
        failures.append(f"'{v} {verb} the {what}': counts '{counts}' not of {points} points")
        continue
    scale = {"min": 60, "h": 1, "days": 1 / 24, "percentage points": 100}.get(unit, 1)
    lo, hi = sorted([num(a), num(b)])
    if verb == "cuts":
        lo, hi = -hi, -lo
    match = False
    for r in robust:
        if r["variant"].decode() != v:
            continue
        rlo, rhi = r["effect_min"] * scale, r["effect_max"] * scale
        tol = 0.02 * max(abs(rlo), abs(rhi)) + 1e-9
        if abs(rlo - lo) <= tol and abs(rhi - hi) <= tol:
            better = int(r["better_points"]) if "better at" in counts else int(r["worse_points"])
            match = int(m.group(1)) == better
            if match:
                break
    if not match:
        failures.append(f"'{v} {verb} the {what} by {a} to {b} {unit}' matches no /robustness row")
    if verb == "cuts" and num(a) < 0 or verb == "raises" and num(a) < 0:
        failures.append(f"'{verb}' with a negative amount: {a}")
if not re.search(r"of that spread (is|involves) \S", text) and "moves it most" not in text:
    failures.append("no sentence says which input explains the spread")
if not variants and not re.search(r"ranges from \S+ to \S+ .{0,30}over the design", text):
    failures.append("no sentence gives a figure's range over the design")
for p in re.findall(r"(-?[\d.]+) %", text):
    if num(p) < 0 or num(p) > 100:
        failures.append(f"percentage out of range in the findings: {p} %")

if flip:
    if flip not in text:
        failures.append(f"the findings do not state the flip region '{flip}'")
    flips = section("flips")
    if flips is None or flip not in words(flips):
        failures.append(f"the flip section does not state '{flip}'")

# Charts: an index chart with a bar per input; an effect chart with a dot per point and a zero
# line; units on the axes.
svgs = dict(re.findall(r'<svg id="([^"]+)"[^>]*>(.*?)</svg>', dom, flags=re.S))
inputs = [r["name"].decode() for r in f["explore_inputs"][:]]
index = [k for k in svgs if k.startswith("index-")]
if not index:
    failures.append("no index chart")
for k in index:
    bars = re.findall(r'<rect class="bar"[^>]*><title>([^<:]*)', svgs[k])
    named = {b.split(":")[0] for b in bars}
    if not set(inputs) <= {html.unescape(n) for n in named} | {"alone (first-order)"}:
        failures.append(f"index chart {k} lacks inputs: {sorted(set(inputs) - named)}")
effect = [k for k in svgs if k.startswith("effect-") or k.startswith("spread-")]
if not effect:
    failures.append("no chart of the effect across the design")
for k in effect:
    dots = len(re.findall(r'<circle class="point"', svgs[k]))
    if dots != points:
        failures.append(f"effect chart {k}: {dots} dots for {points} points")
    if k.startswith("effect-") and 'class="reference"' not in svgs[k]:
        failures.append(f"effect chart {k} has no zero line")
    labels = re.findall(r"<text transform=\"translate[^>]*>([^<]*)</text>", svgs[k])
    if not labels or not re.search(r"\((min|h|days|percentage points|%|[^)]+)\)$", labels[0]):
        failures.append(f"effect chart {k}: y axis without a unit ({labels[:1]})")

# The inputs table: every input with its key and its source or reason.
table = section("inputs")
if table is None:
    failures.append("no inputs table")
else:
    t = words(table)
    for r in f["explore_inputs"][:]:
        for col in ("name", "key"):
            if r[col].decode() not in t:
                failures.append(f"inputs table lacks {col} {r[col].decode()}")
        basis = r["source"].decode() or r["why"].decode()
        if basis not in t:
            failures.append(f"inputs table lacks the source/why of {r['name'].decode()}")

if failures:
    print("FAILED:", *failures, sep="\n  ")
    sys.exit(1)
print(f"ok: {len(sentences)} effect sentences, {len(index)} index charts, {len(effect)} effect charts")
