#!/usr/bin/python3
"""Checks an HTML report rendered in headless Chromium.

Usage: check_report.py REPORT.html SCREENSHOT.png DOM.html [--h5 RESULT.h5] [--dated PREFIX]...
                       CHART_ID_PREFIX [...]
The page must be self-contained (nothing loaded from elsewhere), the screenshot not blank, and
every expected chart present in the rendered DOM as an <svg> with drawn content. Every chart on
the page has data in its plot area (no empty axes). With --h5, the findings section exists and
names every cargo class that has vehicles in the result (and empty trucks when there are any).
Charts whose id starts with a --dated prefix have time axes with calendar dates ("7 Apr").
Every mark of one cargo class (data-cargo) has one colour.
"""
import re
import sys

import h5py
from PIL import Image

args = sys.argv[1:]
h5_path, dated, positional = None, [], []
while args:
    a = args.pop(0)
    if a == "--h5":
        h5_path = args.pop(0)
    elif a == "--dated":
        dated.append(args.pop(0))
    else:
        positional.append(a)
html_path, png_path, dom_path, *expected = positional
failures = []
html = open(html_path, encoding="utf-8").read()
for m in re.finditer(r"""(?:src|href)\s*=\s*["']([^"']+)""", html):
    failures.append(f"external reference {m.group(1)}")
if re.search(r"@import|url\((?!#)", html):
    failures.append("CSS loads something")

img = Image.open(png_path).convert("RGB")
w, h = img.size
small = img.resize((w // 4, h // 4))
pixels = list(small.getdata())
ink = sum(1 for p in pixels if min(p) < 230) / len(pixels)
colours = len(set(pixels))
if ink < 0.02:
    failures.append(f"screenshot nearly blank ({ink:.1%} ink)")
if colours < 20:
    failures.append(f"screenshot has only {colours} colours")

dom = open(dom_path, encoding="utf-8").read()
svgs = dict(re.findall(r'<svg id="([^"]+)"[^>]*>(.*?)</svg>', dom, flags=re.S))
for prefix in expected:
    found = [k for k in svgs if k == prefix or k.startswith(prefix + "-")]
    if not found:
        failures.append(f"chart {prefix} missing from the rendered page")
    for k in found:
        if len(re.findall(r"<(?:rect|polyline|line|polygon)", svgs[k])) < 3:
            failures.append(f"chart {k} is empty")


def attr(tag, name):
    m = re.search(r'\s%s="([^"]*)"' % name, tag)
    return m.group(1) if m else None


# No chart with an empty plot area: a bar at least a pixel long, a histogram bin, or a line that
# leaves the x axis.
for k, body in svgs.items():
    axis = re.search(r'<line class="axis-x"[^>]*>', body)
    axis_y = float(attr(axis.group(0), "y1")) if axis else None
    drawn = False
    for tag in re.findall(r"<rect[^>]*>", body):
        cls = attr(tag, "class") or ""
        if cls in ("bar", "hist") and min(float(attr(tag, "width") or 0),
                                          float(attr(tag, "height") or 0)) >= 1:
            drawn = True
    if re.search(r'<circle class="point"', body):  # a dot per estimate (explore)
        drawn = True
    for tag in re.findall(r'<polyline[^>]*class="series"[^>]*>', body):
        ys = {float(p.split(",")[1]) for p in (attr(tag, "points") or "").split()}
        if len(ys) > 1 or (ys and axis_y is not None and abs(next(iter(ys)) - axis_y) > 0.5):
            drawn = True
    if not drawn:
        failures.append(f"chart {k} has nothing in its plot area")

# Time axes in calendar terms.
months = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
for prefix in dated:
    charts = [k for k in svgs if k.startswith(prefix)]
    if not charts:
        failures.append(f"no chart {prefix}* to check for dates")
    for k in charts:
        dates = re.findall(r'<text class="tick[^"]*tick-date"[^>]*>([^<]*)</text>', svgs[k])
        if not dates or not all(re.fullmatch(r"\d{1,2} (%s)" % months, d) for d in dates):
            failures.append(f"chart {k}: time axis without dates ({dates[:3]})")

# One colour per cargo class within the page.
cargo_colours = {}
for tag in re.findall(r"<[a-z]+[^>]*data-cargo=\"[^\"]+\"[^>]*>", dom):
    colour = attr(tag, "fill") or attr(tag, "stroke")
    style = attr(tag, "style")
    if style and "background" in style:
        colour = style.split("background:")[1].split(";")[0].strip()
    if colour and colour.startswith("#"):
        cargo_colours.setdefault(attr(tag, "data-cargo"), set()).add(colour.lower())
for cargo, cs in cargo_colours.items():
    if len(cs) > 1:
        failures.append(f"cargo {cargo} has several colours: {sorted(cs)}")

# The findings name every cargo class with vehicles.
if h5_path:
    f = h5py.File(h5_path, "r")
    bases = [""]
    if "scenarios" in f:
        bases = ["scenarios/" + s + "/" for s in f["scenarios"]]
    elif "sweep" in f:
        bases = ["sweep/" + sorted(f["sweep"])[0] + "/"]
    classes = set()
    for b in bases:
        names = {int(r["code"]): r["name"].decode() for r in f[b + "lookup/cargo"][:]}
        names[65535] = "empty trucks"
        summary = f["summary"][:] if b == "" else (
            f[b + "summary"][:] if b + "summary" in f else None)
        if summary is None and "points" in f:
            summary = f["points"][:]
            summary = summary[summary["point"] == 0]
        kinds = {r["name"].decode(): int(r["code"]) for r in f[b + "lookup/group_kinds"][:]}
        for r in summary:
            if int(r["group_kind"]) == kinds["cargo"] and r["metric"].decode() == "completed_per_day" \
                    and r["mean"] > 0:
                classes.add(names[int(r["cargo"])])
    m = re.search(r'<section id="findings">(.*?)</section>', dom, flags=re.S)
    if not m:
        failures.append("no findings section")
    else:
        text = re.sub(r"<[^>]+>", " ", m.group(1))
        if len(text.split()) < 20:
            failures.append("the findings say almost nothing")
        for c in sorted(classes):
            if not re.search(r"(?<!\w)%s(?!\w)" % re.escape(c), text):
                failures.append(f"the findings do not name cargo class {c}")
    if not classes:
        failures.append("no cargo class with vehicles in the result (the check found nothing)")

if failures:
    print("FAILED:", *failures, sep="\n  ")
    sys.exit(1)
print(f"ok: {len(svgs)} charts, {ink:.1%} ink, {colours} colours in the screenshot, "
      f"{len(cargo_colours)} cargo classes coloured")
