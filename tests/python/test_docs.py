#!/usr/bin/env python3
"""docs/python.md's worked example runs as written: from the scenarios to the comparison plot;
and so do its explore and optimise examples.

Usage: PYTHONPATH=<build>/python test_docs.py SOURCE_DIR
"""
import os
import pathlib
import re
import sys
import tempfile

src = pathlib.Path(sys.argv[1]).resolve()
doc = (src / "docs" / "python.md").read_text()
blocks = [b for b in re.findall(r"```python\n(.*?)```", doc, re.S)
          if b.startswith("# docs/python.md worked example")]
if len(blocks) != 1:
    sys.exit(f"docs/python.md: expected one worked example block, found {len(blocks)}")
code = blocks[0]
lines = [ln for ln in code.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
if len(lines) > 16:
    sys.exit(f"the worked example has {len(lines)} lines of code; it promises about a dozen")

work = pathlib.Path(tempfile.mkdtemp())
(work / "scenarios").symlink_to(src / "scenarios")
os.chdir(work)
exec(compile(code, "docs/python.md", "exec"), {"__name__": "docs_example"})
png = work / "cbta_transit.png"
if not png.exists() or png.stat().st_size < 5000 or png.read_bytes()[:4] != b"\x89PNG":
    sys.exit("the example did not draw cbta_transit.png")
if not (work / "results" / "cbta.h5").exists():
    sys.exit("the example wrote no result file")

# The explore example, as written: a design of 8 points, the variant's effect at each.
explore = [b for b in re.findall(r"```python\n(.*?)```", doc, re.S)
           if b.startswith("# docs/python.md explore example")]
if len(explore) != 1:
    sys.exit(f"docs/python.md: expected one explore example block, found {len(explore)}")
scope = {"__name__": "docs_explore"}
exec(compile(explore[0], "docs/python.md", "exec"), scope)
if len(scope["e"].design) != 8 or scope["e"].robustness is None:
    sys.exit("the explore example did not run its design with the variant")

# The optimise example, as written: one lever in three blocks, a result either way.
optimise = [b for b in re.findall(r"```python\n(.*?)```", doc, re.S)
            if b.startswith("# docs/python.md optimise example")]
if len(optimise) != 1:
    sys.exit(f"docs/python.md: expected one optimise example block, found {len(optimise)}")
scope = {"__name__": "docs_optimise"}
exec(compile(optimise[0], "docs/python.md", "exec"), scope)
if len(scope["o"].plan) != 3 or not isinstance(scope["o"].feasible, bool):
    sys.exit("the optimise example did not return its plan of three blocks")

# The snippet under "Errors" behaves as it says.
import bordersim  # noqa: E402
try:
    bordersim.validate(str(src / "scenarios/kim_thanh_bac_son.yaml"),
                       {"crossings.kim_thanh_bac_son.mode": "single_stp"})
    sys.exit("a misspelled mode was accepted")
except bordersim.ScenarioError as e:
    if "did you mean 'single_stop'?" not in e.message:
        sys.exit(f"unexpected message: {e.message}")
print(f"docs/python.md: the worked example ran ({len(lines)} lines) and drew {png.name}")
