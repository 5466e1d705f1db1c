#!/usr/bin/env python3
"""bordersim.optimise against the command line: the same plan, text and tables on the same seed;
the DataFrames hold what the file holds; `feasible` says what the file says, and an infeasible
search returns (feasible False, the best plan written) instead of raising.

Usage: PYTHONPATH=<build>/python test_optimise.py BORDERSIM_BINARY
"""
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

import bordersim

BIN = os.path.abspath(sys.argv.pop(1))
# One desk whose arrivals change by six-hour block, its officers a lever per block, a waiting
# target per block: small enough to optimise in seconds.
SCENARIO = """name: desk_blocks
start: 2025-01-06 00:00
horizon: 6d
warmup: 1d
seed: 11
replications: 4
cargo:
  general: {value: 1USD}
gate_sides:
  a:
    country: VN
    time_zone: UTC+7
    stages:
      - {id: desk, servers: 4, service: {dist: exponential, mean: 10min}}
    agencies:
      customs: {stages: [desk], cost: {officer_hour: 5USD}}
  b:
    country: CN
    time_zone: UTC+7
    stages:
      - {id: gate, servers: 1000, service: 1s}
crossings:
  x: {sides: [a, b], bridge: 0s}
flows:
  f:
    direction: export
    cargo_mix: {general: 1}
    route: [{crossing: x}]
    arrivals:
      rate: 20/h
      hourly: [0.4,0.4,0.4,0.4,0.4,0.4, 1.6,1.6,1.6,1.6,1.6,1.6,
               1.2,1.2,1.2,1.2,1.2,1.2, 0.8,0.8,0.8,0.8,0.8,0.8]
optimise:
  blocks: ["00-06", "06-12", "12-18", "18-24"]
  levers:
    - {stage: a.desk, min: 1, max: 15}
  targets:
    - "waited_share{stop=a.desk, hours=00-06} <= 0.2"
    - "waited_share{stop=a.desk, hours=06-12} <= 0.2"
    - "waited_share{stop=a.desk, hours=12-18} <= 0.2"
    - "waited_share{stop=a.desk, hours=18-24} <= 0.2"
"""
TABLES = {"decisions": "plan", "targets": "targets", "finalists": "finalists",
          "history": "history"}
# At most 5 officers cannot keep waiting under 20 % in the morning peak (offered load 5.3).
INFEASIBLE = ["stage:a.desk=1..5"]
BLOCKS = ["00-06", "06-12", "12-18", "18-24"]
MORNING = "waited_share{stop=a.desk, hours=06-12} <= 0.2"


def cli(*args, expect=0):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if p.returncode != expect:
        raise AssertionError(f"bordersim {' '.join(args)}: exit {p.returncode}\n{p.stderr}")
    return p.stdout


def without_results_line(text):
    return text.split("\nresults: ")[0]


class Optimise(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp()
        os.chdir(cls.work)
        pathlib.Path("desk.yaml").write_text(SCENARIO)

    def assertSameAsFile(self, h5file, result):
        """Every /optimisation table value for value against the result's DataFrames, and its
        attributes against `attrs`."""
        with h5py.File(h5file, "r") as f:
            g = f["optimisation"]
            for table, prop in TABLES.items():
                data, df = g[table][:], getattr(result, prop)
                self.assertEqual(list(df.columns), list(data.dtype.names), table)
                self.assertEqual(len(df), len(data), table)
                for col in data.dtype.names:
                    want = data[col]
                    if want.dtype.kind == "S":
                        self.assertEqual(list(df[col]), [w.decode() for w in want],
                                         f"{table}.{col}")
                    else:
                        np.testing.assert_array_equal(df[col].to_numpy(), want,
                                                      err_msg=f"{table}.{col}")
            for k, v in g.attrs.items():
                got = result.attrs[k]
                if isinstance(v, (bytes, str)):
                    self.assertEqual(got, v.decode() if isinstance(v, bytes) else v, k)
                else:
                    self.assertEqual(got, v.item(), k)
            self.assertEqual(result.feasible, bool(g.attrs["feasible"]))

    def test_feasible_plan_matches_the_command_line(self):
        out = cli("optimise", "desk.yaml", "--threads", "2", "-o", "cli.h5", "--write-plan",
                  "cli_plan.yaml")
        seen = []
        r = bordersim.optimise("desk.yaml", threads=2, output="py.h5", write_plan="py_plan.yaml",
                               progress=lambda done, total: seen.append(done))
        self.assertTrue(seen and seen[-1] > 0)
        self.assertIsInstance(r, bordersim.OptimiseResult)
        self.assertTrue(r.feasible)
        self.assertEqual(r.plan_file, "py_plan.yaml")
        self.assertTrue(pathlib.Path("py_plan.yaml").exists())
        self.assertEqual(without_results_line(r.text).split("\nplan: ")[0],
                         without_results_line(out).split("\nplan: ")[0])
        self.assertSameAsFile("py.h5", r)
        # The same search on the same seed: the command line's file holds the same tables.
        self.assertSameAsFile("cli.h5", r)
        # Feasible: the plan chosen is a finalist declared feasible, every target declared met
        # at it, and it costs what the attributes say.
        fin = r.finalists
        self.assertEqual(int(fin["chosen"].sum()), 1)
        self.assertEqual(int(fin.loc[fin["chosen"] == 1, "declared_feasible"].iloc[0]), 1)
        # (A target declared met may still have its CI's end past the threshold, by less than
        # its tolerance: the check's indifference zone.)
        t = r.targets
        self.assertTrue((t["declared"] == 1).all())
        self.assertTrue((t["mean"] < t["threshold"] + t["tolerance"]).all())
        p = r.plan
        self.assertEqual(list(p["block"]), BLOCKS)
        self.assertAlmostEqual((p["chosen"] * p["unit_cost"]).sum(), r.attrs["cost"])
        self.assertAlmostEqual((p["baseline"] * p["unit_cost"]).sum(), r.attrs["baseline_cost"])
        self.assertTrue(((p["low"] <= p["chosen"]) & (p["chosen"] <= p["high"])).all())
        # The morning peak needs more officers than the night.
        self.assertGreater(p["chosen"].iloc[1], p["chosen"].iloc[0])
        # open() reads it back as an optimisation.
        o = bordersim.open("py.h5")
        self.assertIsInstance(o, bordersim.OptimiseResult)
        self.assertTrue(o.feasible)
        self.assertEqual(list(o.plan["chosen"]), list(p["chosen"]))
        self.assertEqual(o.file_attrs["command"], "optimise")

    def test_infeasible_search_returns_the_best_plan(self):
        cli("optimise", "desk.yaml", "--lever", INFEASIBLE[0], "--blocks", *BLOCKS, "--target",
            MORNING, "-o", "cli_inf.h5", expect=1)
        r = bordersim.optimise("desk.yaml", levers=INFEASIBLE, blocks=BLOCKS, targets=MORNING,
                               output="py_inf.h5")
        self.assertFalse(r.feasible)
        self.assertEqual(r.attrs["unmet_target"], MORNING)
        self.assertGreater(r.attrs["unmet_best"], 0.2)
        self.assertSameAsFile("py_inf.h5", r)
        self.assertSameAsFile("cli_inf.h5", r)
        self.assertEqual(len(r.targets), 1)
        self.assertEqual(int(r.targets["met"].iloc[0]), 0)
        self.assertTrue((r.plan["chosen"] <= 5).all())
        self.assertTrue((r.history["feasible"] == 0).all())

    def test_bad_arguments_are_usage_errors(self):
        with self.assertRaises(bordersim.UsageError):
            bordersim.optimise("desk.yaml", objective="money", output="bad.h5")
        with self.assertRaises(bordersim.UsageError):
            bordersim.optimise("desk.yaml", finalists=0, output="bad.h5")
        with self.assertRaises(bordersim.UsageError):
            bordersim.optimise("desk.yaml", levers="stage:a.nowhere=1..3", output="bad.h5")
        self.assertFalse(pathlib.Path("bad.h5").exists())


if __name__ == "__main__":
    unittest.main(verbosity=2)
