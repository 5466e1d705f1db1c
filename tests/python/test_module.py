#!/usr/bin/env python3
"""The Python module against the command line: run, compare, sweep, explore and validate give
the same numbers and text on the same seed; --precision adds replications or warns; overrides go
through the sweep's machinery; errors carry their location; the GIL is released while a run goes
on; Ctrl-C interrupts a run and leaves no result file.

Usage: PYTHONPATH=<build>/python test_module.py BORDERSIM_BINARY SOURCE_DIR
"""
import math
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import h5py
import numpy as np

import bordersim

BIN = os.path.abspath(sys.argv.pop(1))
SRC = pathlib.Path(sys.argv.pop(1)).resolve()
SCEN = SRC / "scenarios"
KIM = str(SCEN / "kim_thanh_bac_son.yaml")
SHORT = ["--horizon", "4d", "--warmup", "1d", "--replications", "3", "--seed", "7"]  # progress goes to stderr
SHORT_KW = dict(horizon="4d", warmup="1d", replications=3, seed=7)
# Two uncertain inputs over Kim Thanh, short and with few replications: explore's test case.
UNCERTAIN = """extends: {kim}
name: uncertain_kim
horizon: 3d
warmup: 1d
replications: 2
seed: 11
uncertain:
  export_rate:
    key: flows.exports.arrivals.rate
    low: 140/day
    high: 220/day
    why: a test range
  customs_officers:
    key: gate_sides.kim_thanh.stages[customs_export].servers
    low: 1
    high: 4
    why: a test range
"""


def cli(*args, expect=0):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if p.returncode != expect:
        raise AssertionError(f"bordersim {' '.join(args)}: exit {p.returncode}\n{p.stderr}")
    return p.stdout


def without_results_line(text):
    return text.split("\nresults: ")[0]


def lookup(f, base, name):
    names = {int(r["code"]): r["name"].decode() for r in f[f"{base}lookup/{name}"][:]}
    names[65535] = "empty"
    return names


GROUP_LOOKUPS = {"group_kind": "group_kinds", "flow": "flows", "cargo": "cargo",
                 "treatment": "treatments", "stop": "stops", "side": "sides",
                 "crossing": "crossings", "direction": "directions", "route": "routes",
                 "agency": "agencies"}


class Module(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp()
        os.chdir(cls.work)

    def assertSameTable(self, h5file, path, df, base="", extra=()):
        """The table at `path` of an h5py file, value for value, against a DataFrame from the
        module (codes compared through the file's own /lookup)."""
        with h5py.File(h5file, "r") as f:
            data = f[path][:]
            self.assertEqual(len(data), len(df), path)
            for col in data.dtype.names:
                got = df[col]
                want = data[col]
                if col in GROUP_LOOKUPS:
                    names = lookup(f, base, GROUP_LOOKUPS[col])
                    want = [None if int(v) == -1 else names[int(v)] for v in want]
                    got = [None if isinstance(g, float) and math.isnan(g) else g for g in got]
                    self.assertEqual(list(got), want, f"{path}.{col}")
                elif want.dtype.kind == "S":
                    self.assertEqual(list(got), [w.decode() for w in want], f"{path}.{col}")
                else:
                    np.testing.assert_array_equal(np.asarray(got), want, err_msg=f"{path}.{col}")

    def test_run_matches_the_command_line(self):
        out = cli("run", KIM, *SHORT, "--threads", "1", "-o", "cli_run.h5")
        r = bordersim.run(KIM, **SHORT_KW, threads=2, output="py_run.h5")
        self.assertSameTable("cli_run.h5", "summary", r.summary)
        self.assertEqual(without_results_line(r.text), without_results_line(out))
        self.assertTrue(r.text.endswith("results: py_run.h5\n"))
        # The per-replication values average to the summary's means.
        m = r.metrics_by_replication
        means = m.groupby(["metric", "group", "unit"], observed=True, sort=False)["value"].mean()
        s = r.summary.set_index(["metric", "group", "unit"])["mean"]
        np.testing.assert_allclose(means.loc[s.index].to_numpy(), s.to_numpy(), rtol=1e-12)
        # The tables the scenario writes, decoded, with a replication column.
        v = r.vehicles
        self.assertEqual(list(v["replication"].unique()), [0])
        self.assertEqual(str(v["flow"].dtype), "category")
        self.assertIn("exports", set(v["flow"]))
        self.assertEqual(v.attrs["units"]["transit_s"], "s")
        self.assertEqual(sorted(r.backlog["replication"].unique()), [0, 1, 2])
        # open() reads the command line's file the same way.
        o = bordersim.open("cli_run.h5")
        self.assertIsInstance(o, bordersim.Result)
        self.assertTrue(o.summary.equals(r.summary))

    def test_evaluate_is_run_without_a_file(self):
        r = bordersim.run(KIM, **SHORT_KW, threads=1, output="py_eval_base.h5")
        before = set(os.listdir("."))
        e = bordersim.evaluate(KIM, **SHORT_KW, threads=2)
        self.assertEqual(set(os.listdir(".")), before, "evaluate writes no file")
        s = r.summary
        self.assertEqual(e.attrs["values"].shape, (len(e), 3))
        self.assertEqual(list(e["metric"]), [str(m) for m in s["metric"]])
        self.assertEqual(list(e["group"]), [str(g) for g in s["group"]])
        np.testing.assert_array_equal(e["mean"].to_numpy(), s["mean"].to_numpy())
        np.testing.assert_array_equal(e["ci95_hi"].to_numpy(), s["ci95_hi"].to_numpy())
        # The new tables: every site with its codes, the capacity followed, a long time series.
        stops = r.stops
        self.assertEqual(list(stops["code"]), list(range(len(stops))))
        self.assertIn("yard", set(stops["kind"]))
        cap = r.capacity
        self.assertTrue(set(cap["stop"]) <= set(stops["name"]))
        ts = r.timeseries
        if ts is not None:
            self.assertEqual(list(ts.columns), ["replication", "t_s", "stop", "queue", "busy"])
        hours = e[e["metric"] == "server_hours_per_day"]
        self.assertGreater(len(hours), 0)

    def test_overrides_are_the_sweeps_set(self):
        mode = "crossings.kim_thanh_bac_son.mode"
        cli("sweep", KIM, "--set", f"{mode}=single_stop", *SHORT, "-o", "cli_mode.h5")
        r = bordersim.run(KIM, {mode: "single_stop"}, **SHORT_KW, output="py_mode.h5")
        self.assertSameTable("cli_mode.h5", "sweep/p000/summary", r.summary, base="sweep/p000/")
        base = bordersim.run(KIM, **SHORT_KW, output="py_base.h5")
        self.assertFalse(base.summary["mean"].equals(r.summary["mean"]))

    def test_overrides_take_lists_and_sections(self):
        lane = "gate_sides.kim_thanh.stages[customs_export].lane"
        # A dict is a section, the same as the command line's fragment.
        cli("sweep", KIM, "--set", lane + "={servers: 2}", *SHORT, "-o", "cli_lane.h5")
        r = bordersim.run(KIM, {lane: {"servers": 2}}, **SHORT_KW, output="py_lane.h5")
        self.assertSameTable("cli_lane.h5", "sweep/p000/summary", r.summary, base="sweep/p000/")
        text = bordersim.run(KIM, {lane: "{servers: 2}"}, **SHORT_KW, output="py_lane2.h5")
        self.assertTrue(text.summary.equals(r.summary))
        # A list value in a sweep is one point; a list of lists sweeps lists.
        hourly = "flows.exports.arrivals.hourly"
        flat, peaked = [1] * 24, [0] * 6 + [2] * 12 + [0] * 6
        v = bordersim.validate(KIM, {hourly: peaked})
        self.assertEqual(v.name, "kim_thanh_bac_son")
        with self.assertRaises(bordersim.ScenarioError) as e:
            bordersim.validate(KIM, {lane: {"servrs": 2}})
        self.assertEqual(e.exception.file, f"overrides[{lane}]")
        self.assertEqual((e.exception.line, e.exception.column), (1, 2))
        # The loader names the stage by its place in the list.
        self.assertEqual(e.exception.key, "gate_sides.kim_thanh.stages[3].lane.servrs")
        with self.assertRaises(bordersim.ScenarioError) as e:
            bordersim.validate(KIM, {"gate_sides.kim_thanh.stages[40].servers": 2})
        self.assertIn("out of range", e.exception.message)
        s = bordersim.sweep(KIM, {hourly: [flat, peaked]}, **SHORT_KW, output="py_hourly.h5")
        self.assertEqual(s.points["point"].nunique(), 2)
        self.assertEqual(len(s.parameters), 2)

    def test_compare_matches_the_command_line(self):
        off, on = str(SCEN / "priority_lane_off.yaml"), str(SCEN / "priority_lane_on.yaml")
        out = cli("compare", off, on, *SHORT, "-o", "cli_cmp.h5")
        c = bordersim.compare(off, on, **SHORT_KW, output="py_cmp.h5")
        self.assertSameTable("cli_cmp.h5", "comparison", c.comparison,
                             base="scenarios/priority_lane_off/")
        self.assertEqual(without_results_line(c.text), without_results_line(out))
        self.assertEqual(sorted(c.scenarios), ["priority_lane_off", "priority_lane_on"])
        self.assertSameTable("cli_cmp.h5", "scenarios/priority_lane_on/summary",
                             c.scenarios["priority_lane_on"].summary,
                             base="scenarios/priority_lane_on/")
        # A variant given as overrides of the base.
        mode = "crossings.kim_thanh_bac_son.mode"
        v = bordersim.compare(KIM, {mode: "single_stop"}, **SHORT_KW, output="py_cmp2.h5")
        self.assertEqual(sorted(v.scenarios), ["kim_thanh_bac_son", "kim_thanh_bac_son_2"])
        self.assertEqual(set(v.comparison["variant"]), {"kim_thanh_bac_son_2"})

    def test_sweep_matches_the_command_line(self):
        rate = "crossings.kim_thanh_bac_son.intake.export.rate"
        surge = str(SCEN / "fruit_surge.yaml")
        out = cli("sweep", surge, "--set", f"{rate}=15/h,22/h", *SHORT, "-o", "cli_sweep.h5")
        s = bordersim.sweep(surge, {rate: ["15/h", "22/h"]}, **SHORT_KW, output="py_sweep.h5")
        pts = s.points
        with h5py.File("cli_sweep.h5", "r") as f:
            data = f["points"][:]
        self.assertEqual(len(pts), len(data))
        for col in ("mean", "sd", "ci95_lo", "ci95_hi", "n", "point"):
            np.testing.assert_array_equal(pts[col].to_numpy(), data[col], err_msg=col)
        self.assertEqual(list(pts["metric"]), [m.decode() for m in data["metric"]])
        self.assertEqual(without_results_line(s.text), without_results_line(out))
        # The swept parameter is a real, typed column with its unit.
        self.assertEqual(pts[rate].dtype, np.float64)
        self.assertEqual(sorted(pts[rate].unique()), [15.0, 22.0])
        self.assertEqual(pts.attrs["units"][rate], "/h")
        self.assertEqual(list(s.parameters[rate]), [15.0, 22.0])
        self.assertNotIn(";", "".join(map(str, pts.columns)))
        p1 = s.point(1).summary
        self.assertSameTable("cli_sweep.h5", "sweep/p001/summary", p1, base="sweep/p001/")
        self.assertIsInstance(bordersim.open("cli_sweep.h5"), bordersim.SweepResult)

    def test_precision_reaches_its_half_width_or_warns(self):
        short = ["--horizon", "4d", "--warmup", "1d", "--replications", "2", "--seed", "7"]
        kw = dict(horizon="4d", warmup="1d", replications=2, seed=7)
        metric = "border_time_mean[all]"
        cli("run", KIM, *short, "--precision", "5%", "--precision-metric", metric,
            "-o", "cli_prec.h5")
        r = bordersim.run(KIM, **kw, precision="5%", precision_metrics=metric, threads=2,
                          output="py_prec.h5")
        self.assertSameTable("cli_prec.h5", "summary", r.summary)
        self.assertEqual(r.warnings, [])
        row = r.summary.query("metric == 'border_time_mean' and group_kind == 'all'").iloc[0]
        self.assertGreater(row["n"], 2, "replications were added")
        self.assertLessEqual((row["ci95_hi"] - row["ci95_lo"]) / 2, 0.05 * row["mean"])
        self.assertEqual(r.attrs["replications"], row["n"])
        self.assertEqual(r.metrics_by_replication["replication"].max(), row["n"] - 1)
        # evaluate adds the same replications, in memory.
        e = bordersim.evaluate(KIM, **kw, precision=0.05, precision_metrics=[metric])
        np.testing.assert_array_equal(e["mean"].to_numpy(), r.summary["mean"].to_numpy())
        # Out of reach: the maximum, and a warning per metric, said and kept in the file.
        with self.assertWarns(bordersim.ResultWarning):
            w = bordersim.run(KIM, **kw, precision="0.1%", max_replications=4,
                              output="py_prec_short.h5")
        self.assertEqual(w.attrs["replications"], 4)
        self.assertTrue(w.warnings and all("not 0.1 %" in x for x in w.warnings), w.warnings)
        self.assertEqual(bordersim.open("py_prec_short.h5").warnings, w.warnings)
        # compare and sweep take it too; the scenarios of a comparison stay paired.
        with self.assertWarns(bordersim.ResultWarning):
            c = bordersim.compare(KIM, {"crossings.kim_thanh_bac_son.mode": "single_stop"}, **kw,
                                  precision="0.1%", max_replications=3, output="py_prec_cmp.h5")
        self.assertEqual(set(c.comparison["n"]), {3})
        with self.assertRaises(bordersim.UsageError):
            bordersim.run(KIM, **kw, precision_metrics=metric, output="never.h5")
        for bad in (dict(precision="150%"), dict(precision="5%", max_replications=1),
                    dict(precision="5%", precision_metrics="no_such_metric")):
            with self.assertRaises(bordersim.UsageError, msg=str(bad)):
                bordersim.run(KIM, **kw, **bad, output="never.h5")
        self.assertFalse(os.path.exists("never.h5"))

    def test_explore_matches_the_command_line(self):
        # Kim Thanh's own uncertain inputs dropped (`uncertain: ~`), two of the test's instead.
        pathlib.Path("kim_certain.yaml").write_text(f"extends: {KIM}\nuncertain: ~\n")
        base = pathlib.Path("uncertain.yaml")
        base.write_text(UNCERTAIN.format(kim="kim_certain.yaml"))
        # The variant as a file for the command line, as overrides of the base in Python: both
        # are the base's name with _2.
        pathlib.Path("uncertain_single_stop.yaml").write_text(
            "extends: uncertain.yaml\ncrossings: {kim_thanh_bac_son: {mode: single_stop}}\n")
        extra = "transit_mean[all]"
        out = cli("explore", str(base), "uncertain_single_stop.yaml", "--points", "6",
                  "--metric", extra, "-o", "cli_explore.h5")
        seen = []
        e = bordersim.explore(str(base), [{"crossings.kim_thanh_bac_son.mode": "single_stop"}],
                              points=6, metrics=[extra], threads=2, output="py_explore.h5",
                              progress=lambda done, total: seen.append((done, total)))
        self.assertEqual(seen[-1], (24, 24))  # 6 points x 2 scenarios x 2 replications
        self.assertEqual(without_results_line(e.text), without_results_line(out))
        self.assertEqual((e.base, e.variants), ("uncertain_kim", ["uncertain_kim_2"]))
        for table, df in (("explore_inputs", e.inputs),
                          ("explore_design", e.table("explore_design")),
                          ("explore_points", e.results), ("explore_differences", e.differences),
                          ("sensitivity", e.sensitivity), ("robustness", e.robustness)):
            self.assertSameTable("cli_explore.h5", table, df)
        self.assertIn(extra.split("[")[0], set(e.sensitivity["metric"]))
        # The design: one row per point, each input decoded within its range; the Latin
        # hypercube puts one point in each sixth of each input's coordinate.
        d, u = e.design, e.coordinates
        self.assertEqual(list(d.columns), ["point", "export_rate", "customs_officers"])
        self.assertEqual(list(d["point"]), list(range(6)))
        self.assertTrue(d["export_rate"].between(140, 220).all())
        self.assertTrue(set(d["customs_officers"]) <= {1.0, 2.0, 3.0, 4.0})
        self.assertEqual(d.attrs["units"], {"export_rate": "/day"})
        for name in ("export_rate", "customs_officers"):
            self.assertEqual(sorted((u[name] * 6).astype(int)), list(range(6)), name)
        with h5py.File("cli_explore.h5", "r") as f:
            rows = f["explore_design"][:]
        rate = rows[rows["name"] == b"export_rate"]
        np.testing.assert_array_equal(d["export_rate"].to_numpy(), rate["value"])
        # results and differences carry each point's inputs, and agree with each other.
        res = e.results.query("metric == 'border_time_mean' and group == 'all'")
        self.assertEqual(len(res), 12)
        np.testing.assert_array_equal(res["export_rate"].to_numpy(),
                                      d["export_rate"].to_numpy()[res["point"].to_numpy()])
        means = res.pivot(index="point", columns="scenario", values="mean")
        diff = e.differences.query("metric == 'border_time_mean' and group == 'all'")
        np.testing.assert_allclose(diff["diff_mean"].to_numpy(),
                                   (means["uncertain_kim_2"] - means["uncertain_kim"]).to_numpy(),
                                   rtol=1e-12, atol=1e-12)
        self.assertEqual(set(e.robustness["points"]), {6})
        # open() reads the command line's file as an exploration.
        o = bordersim.open("cli_explore.h5")
        self.assertIsInstance(o, bordersim.ExploreResult)
        self.assertTrue(o.design.equals(d))
        with self.assertRaisesRegex(KeyError, r"bordersim\.open"):
            bordersim.Result("cli_explore.h5").summary
        # precision per point, its scenarios together: out of reach here, so every point ends
        # at the maximum and says so.
        with self.assertWarns(bordersim.ResultWarning):
            p = bordersim.explore(str(base), [{"crossings.kim_thanh_bac_son.mode": "single_stop"}],
                                  points=3, precision="0.1%", max_replications=3,
                                  output="py_explore_prec.h5")
        self.assertEqual((p.attrs["replications_least"], p.attrs["replications_most"]), (3, 3))
        self.assertEqual(p.results["n"].max(), 3)
        # 3 points cannot fit a regression on 2 inputs: said first; then each point's shortfall.
        self.assertIn("cannot fit a regression on 2 inputs", p.warnings[0])
        self.assertTrue(len(p.warnings) > 1 and
                        all(w.startswith("warning: point ") for w in p.warnings[1:]))
        # Nothing uncertain, nothing to explore.
        with self.assertRaises(bordersim.UsageError):
            bordersim.explore("kim_certain.yaml", points=4, output="never_explored.h5")
        self.assertFalse(os.path.exists("never_explored.h5"))

    def test_validate_matches_the_command_line(self):
        for name in ("kim_thanh_bac_son", "lao_cai", "fruit_surge"):
            path = str(SCEN / f"{name}.yaml")
            v = bordersim.validate(path)
            self.assertEqual(v.text, cli("validate", path))
            self.assertGreater(len(v.stops), 3)
        surge = bordersim.validate(str(SCEN / "fruit_surge.yaml"))
        self.assertTrue(surge.warnings)
        self.assertGreater(surge.intakes["load"].max(), 1)
        # YAML text works as a file does.
        text = pathlib.Path(KIM).read_text()
        self.assertEqual(bordersim.validate(text).text.split("\n", 1)[1],
                         cli("validate", KIM).split("\n", 1)[1])

    def test_forecast_and_eta_match_the_command_line(self):
        queue = str(SCEN / "fruit_surge_from_queue.yaml")
        df = bordersim.forecast(queue, days="4d", level=100, replications=4, seed=7)
        self.assertEqual(df.attrs["text"], cli("forecast", queue, "--days", "4d", "--level",
                                               "100", "--replications", "4", "--seed", "7"))
        export = df[df.crossing_direction == "kim_thanh_bac_son.export"]
        self.assertEqual(len(export), 5)  # the start and four days
        self.assertEqual(export["mean"].iloc[0], 600)
        self.assertTrue((export["ci95_lo"] <= export["mean"]).all())
        cleared = df.attrs["cleared"]["kim_thanh_bac_son.export"]["initial_cleared_h"]
        self.assertGreater(cleared["mean"], 24)
        e = bordersim.eta(KIM, "exports", "2025-04-10T14:00", replications=10, seed=7)
        self.assertEqual(e.attrs["text"], cli("eta", KIM, "--flow", "exports", "--depart",
                                              "2025-04-10T14:00", "--replications", "10",
                                              "--seed", "7"))
        self.assertEqual(list(e["route"]), ["route"])
        self.assertLessEqual(e["arrives_p10"].iloc[0], e["arrives_p90"].iloc[0])
        self.assertTrue(0 <= e["spoiled_lo"].iloc[0] <= e["spoiled_hi"].iloc[0] <= 1)
        with self.assertRaises(bordersim.UsageError):
            bordersim.eta(KIM, "no_such_flow", "2025-04-10T14:00")
        with self.assertRaises(bordersim.UsageError):
            bordersim.forecast(KIM)  # no initial_state

    def test_errors_carry_their_location(self):
        bad = SRC / "tests/bad_scenarios/misspelled_key.yaml"
        with self.assertRaises(bordersim.ScenarioError) as e:
            bordersim.validate(str(bad))
        err = e.exception
        self.assertEqual((err.file, err.line, err.column, err.key),
                         (str(bad), 4, 1, "horizn"))
        self.assertIn("did you mean 'horizon'?", str(err))
        self.assertIsInstance(err, ValueError)
        mode = "crossings.kim_thanh_bac_son.mode"
        with self.assertRaises(bordersim.ScenarioError) as e:
            bordersim.run(KIM, {mode: "single_stp"}, **SHORT_KW, output="never.h5")
        self.assertEqual(e.exception.key, mode)
        self.assertEqual(e.exception.file, f"overrides[{mode}]")
        self.assertIn("did you mean 'single_stop'?", e.exception.message)
        with self.assertRaises(bordersim.ScenarioError) as e:
            bordersim.validate(KIM, {"crossings.nowhere.mode": "single_stop"})
        self.assertEqual(e.exception.key, "crossings.nowhere")
        with self.assertRaises(bordersim.ScenarioError) as e:
            bordersim.validate("name: x\nstart: 2025-01-01 00:00\nhorizon: 1q\n")
        self.assertEqual((e.exception.file, e.exception.line, e.exception.key),
                         ("<text>", 3, "horizon"))
        with self.assertRaises(bordersim.UsageError):
            bordersim.run(KIM, seed=-1, output="never.h5")
        self.assertFalse(os.path.exists("never.h5"))
        bordersim.run(KIM, horizon="2d", warmup="1d", replications=2, output="once.h5")
        with self.assertRaises(bordersim.OutputError):
            bordersim.run(KIM, horizon="2d", warmup="1d", replications=2, output="once.h5")

    def test_progress_report_and_default_scenario(self):
        seen = []
        r = bordersim.run(horizon="2d", warmup="1d", replications=3, threads=1,
                          output="default.h5", report="default.html",
                          progress=lambda done, total: seen.append((done, total)))
        self.assertEqual(r.name, "lao_cai")
        self.assertEqual(seen[-1], (3, 3))
        self.assertTrue(pathlib.Path("default.html").read_text().startswith("<!DOCTYPE html>"))

    def test_the_gil_is_released_while_running(self):
        ticks = []
        stop = threading.Event()

        def count():
            while not stop.is_set():
                ticks.append(time.monotonic())
                time.sleep(0.01)

        t = threading.Thread(target=count)
        t.start()
        t0 = time.monotonic()
        bordersim.run(KIM, horizon="60d", warmup="1d", replications=2, threads=1,
                      output="gil.h5")
        t1 = time.monotonic()
        stop.set()
        t.join()
        during = [x for x in ticks if t0 < x < t1]
        # Ticks every 10 ms while the run took (t1 - t0): at least half of them got through.
        self.assertGreater(len(during), 0.5 * (t1 - t0) / 0.012, (len(during), t1 - t0))

    def test_ctrl_c_interrupts_a_run(self):
        partial_dir = pathlib.Path(self.work)
        threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
        t0 = time.monotonic()
        with self.assertRaises(KeyboardInterrupt):
            bordersim.run(str(SCEN / "lao_cai.yaml"), horizon="3650d", replications=8,
                          threads=2, output="long.h5")
        elapsed = time.monotonic() - t0
        self.assertLess(elapsed, 2.5, "KeyboardInterrupt came late")
        self.assertFalse((partial_dir / "long.h5").exists())
        self.assertFalse((partial_dir / "long.h5.partial").exists())
        # The module still works afterwards.
        bordersim.run(KIM, horizon="2d", warmup="1d", replications=2, output="after.h5")


if __name__ == "__main__":
    unittest.main(verbosity=2)
