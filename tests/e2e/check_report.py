#!/usr/bin/python3
"""Checks an HTML report rendered in headless Chromium.

Usage: check_report.py REPORT.html SCREENSHOT.png DOM.html CHART_ID_PREFIX [...]
The page must be self-contained (nothing loaded from elsewhere), the screenshot not blank, and
every expected chart present in the rendered DOM as an <svg> with drawn content.
"""
import re
import sys

from PIL import Image

html_path, png_path, dom_path, *expected = sys.argv[1:]
failures = []
html = open(html_path, encoding="utf-8").read()
for m in re.finditer(r"""(?:src|href)\s*=\s*["']([^"']+)""", html):
    failures.append(f"external reference {m.group(1)}")
if re.search(r"@import|url\(", html):
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

if failures:
    print("FAILED:", *failures, sep="\n  ")
    sys.exit(1)
print(f"ok: {len(svgs)} charts, {ink:.1%} ink, {colours} colours in the screenshot")
