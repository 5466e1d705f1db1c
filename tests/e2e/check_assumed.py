#!/usr/bin/python3
"""Checks the "Assumed, not explored" section of a report of run_e2e.sh's ex_base.yaml.

Usage: check_assumed.py DOM.html COMMAND
The section exists once, says to run COMMAND, and lists each uncertain input of ex_base.yaml
with its key, range or alternatives, the value run and its source or reason, in one table (a
comparison's scenarios share their list).
"""
import html
import re
import sys

dom_path, command = sys.argv[1:3]
dom = open(dom_path, encoding="utf-8").read()
sections = re.findall(r'<section id="assumed">(.*?)</section>', dom, flags=re.S)
if len(sections) != 1:
    sys.exit(f"FAILED: {len(sections)} 'Assumed, not explored' sections")
body = sections[0]
text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))
failures = []
expected = ["Assumed, not explored", command, "how the answer moves",
            "pickup", "crossings.kim_thanh_bac_son.intake.export", "rate {rate: 18/h} | quota",
            "why: admission by the hour or by a daily quota is not published",
            "arrivals", "flows.exports.arrivals.rate", "260/day to 340/day", "300/day",
            "why: the surge's size varies by year",
            "shelf", "cargo.fresh_fruit.shelf_life", "2d to 4d", "3d",
            "source: baobinhthuan-89581"]
for w in expected:
    if w not in text:
        failures.append(f"lacks {w!r}")
rows = re.findall(r"<tr><td>([^<]*)</td>", body)
if rows != ["pickup", "arrivals", "shelf"]:
    failures.append(f"rows {rows}, expected pickup, arrivals, shelf")
if len(re.findall(r"<table", body)) != 1:
    failures.append("not one table")
if failures:
    print("FAILED:", *failures, sep="\n  ")
    sys.exit(1)
print("ok: assumed inputs listed")
