"""bordersim from Python: run, compare, sweep, explore, optimise and validate scenarios; open
result files.

    import bordersim
    r = bordersim.run("scenarios/kim_thanh_bac_son.yaml", replications=4, horizon="7d")
    r.summary            # pandas DataFrame; categorical columns decoded from /lookup
    c = bordersim.compare("scenarios/cbta_sequential.yaml", "scenarios/cbta_single_stop.yaml")
    c.comparison         # base, variant, difference and its CI per metric and group

A scenario is a file path or YAML text. `overrides` sets keys before the scenario is read, with
the loader's checks ({"crossings.kim_thanh_bac_son.mode": "single_stop"}; list items by index,
`stages[2]`, or by id). A value is a YAML fragment: a string as written ("[1, 2]" is a list), a
number, a bool, None (the key's default), or a list or dict (a whole list or section). The
same scenario and seed give the same numbers as the command line. A scenario error raises
ScenarioError with `file`, `line`, `column` and `key`. Ctrl-C stops a run (KeyboardInterrupt)
and leaves no result file. See docs/python.md.
"""
import json
import os
import warnings

import pandas as pd

from . import _bordersim
from ._bordersim import OutputError, ScenarioError, UsageError
from .results import (CompareResult, ExploreResult, OptimiseResult, Result, SweepResult,
                      ValidateResult, open_result)

__all__ = ["run", "evaluate", "compare", "sweep", "explore", "optimise", "validate", "forecast",
           "eta", "open", "Result", "CompareResult", "SweepResult", "ExploreResult",
           "OptimiseResult", "ValidateResult",
           "ScenarioError", "UsageError", "OutputError", "ResultWarning"]


class ResultWarning(UserWarning):
    """What the command line warns of on stderr: a metric short of the precision asked at the
    most replications, scenarios of a comparison that differ in their start or horizon."""


open = open_result  # noqa: A001 - bordersim.open(path), as the package's API says


def _fragment(value):
    """An override or swept value as the YAML fragment the core applies: a string as written
    (itself a fragment: "12min", "[1, 2]", "{servers: 2}"), numbers and bools as YAML scalars,
    None as null (the key's default), lists and dicts as flow YAML (JSON is YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, (list, tuple, dict)):
        try:
            return json.dumps(value, allow_nan=False)
        except (TypeError, ValueError) as e:
            raise UsageError(f"an override value must be made of strings, numbers, bools, lists "
                             f"and dicts: {e}") from None
    raise UsageError("an override value must be a string, a number, a bool, None, a list or a "
                     f"dict, got {value!r}")


def _overrides(overrides):
    if overrides is None:
        return []
    if not isinstance(overrides, dict):
        raise UsageError("overrides must be a dict of key.path: value")
    return [(str(k), _fragment(v)) for k, v in overrides.items()]


def _source(scenario, overrides=None):
    """A scenario for the compiled core: a path (str or os.PathLike) or YAML text; None is the
    shipped default (scenarios/lao_cai.yaml), as for `bordersim run`."""
    if scenario is None:
        return {"is_text": False, "text": "", "name": "", "path": "",
                "overrides": _overrides(overrides)}
    if isinstance(scenario, os.PathLike):
        scenario = os.fspath(scenario)
    if not isinstance(scenario, str):
        raise UsageError(f"a scenario is a file path or YAML text, got {type(scenario).__name__}")
    is_text = not os.path.exists(scenario) and ("\n" in scenario or ": " in scenario)
    return {"is_text": is_text, "text": scenario if is_text else "",
            "name": "<text>", "path": "" if is_text else scenario,
            "overrides": _overrides(overrides)}


def _precision(precision, precision_metrics, max_replications):
    """--precision, --precision-metric and --max-replications as options of the core: a
    precision is "5%" or a fraction (0.05); the metrics a name or a list of names
    ("border_time_p95", "border_time_p95[cargo:fresh_fruit/export]")."""
    o = {}
    if precision is not None:
        if isinstance(precision, bool) or not isinstance(precision, (str, int, float)):
            raise UsageError(f"precision is a relative half-width such as \"5%\" or 0.05, got "
                             f"{precision!r}")
        o["precision"] = precision if isinstance(precision, str) else repr(float(precision))
    if precision_metrics is not None:
        if isinstance(precision_metrics, str):
            precision_metrics = [precision_metrics]
        o["precision_metrics"] = [str(m) for m in precision_metrics]
    if max_replications is not None:
        o["max_replications"] = int(max_replications)
    return o


def _options(seed, replications, threads, horizon, warmup, output, force, report,
             allow_large=False, precision=None, precision_metrics=None, max_replications=None):
    o = {"force": bool(force), "allow_large": bool(allow_large)}
    o.update(_precision(precision, precision_metrics, max_replications))
    if seed is not None:
        o["seed"] = str(seed)
    if replications is not None:
        o["replications"] = int(replications)
    if threads is not None:
        o["threads"] = int(threads)
    for key, value in (("horizon", horizon), ("warmup", warmup), ("output", output),
                       ("report", report)):
        if value is not None:
            o[key] = os.fspath(value) if isinstance(value, os.PathLike) else str(value)
    return o


def _warn(messages):
    """The warnings the command line prints on stderr, as Python warnings."""
    for m in messages:
        warnings.warn(m[len("warning: "):] if m.startswith("warning: ") else m, ResultWarning,
                      stacklevel=3)


def _sources(base, variants, overrides):
    """The base and its variants: each a scenario (path or YAML text), or a dict of overrides of
    the base."""
    sources = [_source(base, overrides)]
    for v in variants:
        if isinstance(v, dict):
            s = _source(base, overrides)
            s["overrides"] += _overrides(v)
        else:
            s = _source(v, overrides)
        sources.append(s)
    return sources


def run(scenario=None, overrides=None, *, seed=None, replications=None, threads=None, horizon=None,
        warmup=None, output=None, force=False, report=None, progress=None, allow_large=False,
        precision=None, precision_metrics=None, max_replications=None):
    """Runs a scenario, writes its result file (default results/<name>.h5) and returns a Result.

    horizon and warmup are durations as in a scenario ("14d", "1w"); progress, if given, is
    called as progress(replications_done, total) while the run goes on. precision ("5%" or
    0.05) adds replications in batches until the 95 % CI half-width of each precision_metrics
    (default border_time_mean and border_time_p95 of the headline groups) is within that share
    of its mean, up to max_replications (200); a metric short of it is a ResultWarning and in
    `warnings`.
    """
    r = _bordersim.run(_source(scenario, overrides),
                       _options(seed, replications, threads, horizon, warmup, output, force,
                                report, allow_large, precision, precision_metrics,
                                max_replications), progress)
    _warn(r["warnings"])
    return Result(r["path"], text=r["text"], values=r["values"], warnings=r["warnings"])


def evaluate(scenario=None, overrides=None, *, seed=None, replications=None, threads=None,
             horizon=None, warmup=None, progress=None, allow_large=False, precision=None,
             precision_metrics=None, max_replications=None):
    """Runs a scenario in memory and returns its summary as a DataFrame, writing no file.

    The same replications and the same numbers as `run` (bit for bit): one row per metric and
    group as the file's /summary has them (the reliability curve apart), with mean, sd, ci95_lo,
    ci95_hi and n; the per-replication values are in
    df.attrs["values"] (rows x replications). What an experiment or an optimiser calls for each
    of its points. precision as in `run`; its warnings are in df.attrs["warnings"].
    """
    r = _bordersim.evaluate(_source(scenario, overrides),
                            _options(seed, replications, threads, horizon, warmup, None, False,
                                     None, allow_large, precision, precision_metrics,
                                     max_replications), progress)
    _warn(r["warnings"])
    df = pd.DataFrame({k: r[k] for k in ("metric", "group", "unit", "mean", "sd", "ci95_lo",
                                         "ci95_hi", "n")})
    df.attrs["scenario"] = r["name"]
    df.attrs["values"] = r["values"]
    df.attrs["warnings"] = list(r["warnings"])
    return df


def compare(base, *variants, overrides=None, seed=None, replications=None, threads=None,
            horizon=None, warmup=None, output=None, force=False, report=None, progress=None,
            allow_large=False, precision=None, precision_metrics=None, max_replications=None):
    """Runs a base and its variants on common random numbers; returns a CompareResult.

    Each variant is a scenario (path or YAML text) or a dict of overrides of the base (run as
    the base's name with _2, _3...). `overrides` applies to every scenario. With precision, all
    scenarios get replications together (they stay paired) until every one's metrics are
    within it.
    """
    if not variants:
        raise UsageError("compare needs a base scenario and at least one variant")
    r = _bordersim.compare(_sources(base, variants, overrides),
                           _options(seed, replications, threads, horizon, warmup, output, force,
                                    report, allow_large, precision, precision_metrics,
                                    max_replications), progress)
    _warn(r["warnings"])
    return CompareResult(r["path"], text=r["text"], values=r["values"], warnings=r["warnings"])


def sweep(scenario, parameters, overrides=None, *, seed=None, replications=None, threads=None,
          horizon=None, warmup=None, output=None, force=False, report=None, progress=None,
          allow_large=False, precision=None, precision_metrics=None, max_replications=None):
    """Runs every combination of `parameters` ({"key.path": [v1, v2], ...}, first slowest).

    Each value is a fragment as in `overrides`: {"...hourly": [[1, 2, ...], [2, 1, ...]]} sweeps
    two lists; a single value that is not a list is one point. precision applies to each point
    on its own."""
    if not isinstance(parameters, dict) or not parameters:
        raise UsageError("sweep needs parameters: a dict of key.path: [values]")
    axes = []
    for path, values in parameters.items():
        if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
            values = [values]
        values = [_fragment(v) for v in values]
        if not values:
            raise UsageError(f"sweep: no values for {path}")
        axes.append((str(path), values))
    r = _bordersim.sweep(_source(scenario, overrides), axes,
                         _options(seed, replications, threads, horizon, warmup, output, force,
                                  report, allow_large, precision, precision_metrics,
                                  max_replications), progress)
    _warn(r["warnings"])
    return SweepResult(r["path"], text=r["text"], warnings=r["warnings"])


def explore(scenario, variants=None, overrides=None, *, design="lhs", points=None, metrics=None,
            seed=None, replications=None, threads=None, horizon=None, warmup=None,
            output=None, force=False, progress=None, allow_large=False, precision=None,
            precision_metrics=None, max_replications=None):
    """Runs a design over the scenario's `uncertain:` inputs, the base and each variant at every
    point on common random numbers (the base's seed and replications); returns an ExploreResult
    (default file results/explore_<name>.h5).

    design is "lhs", "grid", "morris" or "sobol"; points its size (None: the design's default,
    as --points); metrics names analysed beside the headline ones
    ("border_time_p95[cargo:fresh_fruit/export]"). variants is a list of scenarios or dicts of
    overrides of the base, as compare's; they may not change an input the base declares
    uncertain. precision applies to each point, its scenarios together.
    """
    if variants is None:
        variants = []
    elif isinstance(variants, (str, dict, os.PathLike)):
        variants = [variants]
    if metrics is None:
        metrics = []
    elif isinstance(metrics, str):
        metrics = [metrics]
    if points is not None and (isinstance(points, bool) or int(points) < 1):
        raise UsageError(f"points: expected a whole number of at least 1, got {points!r}")
    r = _bordersim.explore(_sources(scenario, list(variants), overrides), str(design),
                           0 if points is None else int(points), [str(m) for m in metrics],
                           _options(seed, replications, threads, horizon, warmup, output, force,
                                    None, allow_large, precision, precision_metrics,
                                    max_replications), progress)
    _warn(r["warnings"])
    return ExploreResult(r["path"], text=r["text"], warnings=r["warnings"])


def _texts(name, values):
    """A string or a list of strings (targets, levers, blocks) as a list; None as none."""
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    if isinstance(values, dict) or not hasattr(values, "__iter__"):
        raise UsageError(f"{name}: expected a string or a list of strings, got {values!r}")
    return [str(v) for v in values]


def _count(name, value, most):
    """finalists and max_evaluations: None for the scenario's, else a whole number in range."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        raise UsageError(f"{name}: expected a whole number from 1 to {most}, got {value!r}")
    return value


def optimise(scenario, overrides=None, *, targets=None, levers=None, blocks=None, objective=None,
             write_plan=None, finalists=None, max_evaluations=None, seed=None, replications=None,
             threads=None, horizon=None, warmup=None, output=None, force=False, progress=None,
             allow_large=False):
    """Finds the cheapest staffing that meets the targets, as `bordersim optimise`; returns an
    OptimiseResult (default file results/optimise_<name>.h5).

    Levers and targets come from the scenario's `optimise:` section, or from `targets`
    ("border_time_p95{cargo=fresh_fruit} <= 2h") and `levers` ("stage:kim_thanh.customs=1..8",
    "agency:...", "lane:...", "close:kim_thanh=19..22"), which replace them, with `blocks`
    (["06-07", "07-11"]) for those levers' hour blocks. objective is "cost" or "officer_hours";
    write_plan a path for the plan as a scenario that extends this one; finalists and
    max_evaluations as --finalists and --max-evaluations; replications those of the search (per
    plan). When no plan within the bounds meets every target, nothing is raised: the best plan
    found is written and `feasible` is False (the command line exits 1).
    """
    if objective is not None and objective not in ("cost", "officer_hours"):
        raise UsageError(f"objective: expected 'cost' or 'officer_hours', got {objective!r}")
    r = _bordersim.optimise(_source(scenario, overrides), _texts("targets", targets),
                            _texts("levers", levers), _texts("blocks", blocks), objective or "",
                            "" if write_plan is None else os.fspath(write_plan),
                            _count("finalists", finalists, 50),
                            _count("max_evaluations", max_evaluations, 1000000),
                            _options(seed, replications, threads, horizon, warmup, output, force,
                                     None, allow_large), progress)
    _warn(r["warnings"])
    return OptimiseResult(r["path"], text=r["text"], warnings=r["warnings"],
                          plan_file=r["plan_file"] or None)


def validate(scenario, overrides=None):
    """Checks a scenario and describes it: the offered load of every stop and intake."""
    return ValidateResult(_bordersim.validate(_source(scenario, overrides)))


def forecast(scenario, overrides=None, *, start=None, days="14d", level=0, every="1d", seed=None,
             replications=None, threads=None):
    """From the queue at the start (the scenario's `initial_state`): the backlog per day ahead.

    `start` is "YYYY-MM-DDTHH:MM" in the scenario's zone (default: its own start); `every` the
    step of the samples ("12h"). Returns a DataFrame, one row per crossing direction and sample: date, mean, ci95_lo, ci95_hi, p10, p90;
    df.attrs["cleared"] has per crossing direction the day the backlog first falls to `level`
    (p10, p50, p90 over the replications that reach it), the share that does, and the hours
    until the trucks waiting at the start are through. df.attrs["text"] is the terminal text.
    """
    r = _bordersim.forecast(_source(scenario, overrides),
                            _options(seed, replications, threads, None, None, None, False, None),
                            start or "", str(days), float(level), str(every))
    rows = []
    for c in r["columns"]:
        for date, d in zip(r["dates"], c["by_day"]):
            rows.append({"crossing_direction": c["name"], "date": date, "mean": d["mean"],
                         "ci95_lo": d["mean"] - d["half"], "ci95_hi": d["mean"] + d["half"],
                         "p10": d["p10"], "p90": d["p90"]})
    df = pd.DataFrame(rows)
    df.attrs["cleared"] = {c["name"]: {"day_p10_p50_p90": (c["under_day"]["p10"],
                                                           c["under_day"]["p50"],
                                                           c["under_day"]["p90"]),
                                       "reached_level": c["reached_level"],
                                       "initial_cleared_h": c["initial_cleared_h"]}
                           for c in r["columns"]}
    df.attrs["text"] = r["text"]
    df.attrs["level"] = r["level"]
    return df


def eta(scenario, flow, depart, overrides=None, *, route=None, trucks=1, within="7d", seed=None,
        replications=None, threads=None):
    """When a truck of `flow` leaving at `depart` ("YYYY-MM-DDTHH:MM", the scenario's zone)
    arrives: one row per route it takes with the share taking it, arrival percentiles (local
    times), door-to-door and border hours (p10, p50, p90, mean) and the probability of a spoiled
    load with its Wilson 95 % interval. Replications default to 100."""
    r = _bordersim.eta(_source(scenario, overrides),
                       _options(seed, replications, threads, None, None, None, False, None),
                       str(flow), str(depart), route or "", int(trucks), str(within))
    rows = []
    for x in r["routes"]:
        a, b, s = x["arrival_h"], x["border_h"], x["spoiled"]
        rows.append({"route": x["route"], "share": x["chosen"]["value"],
                     "arrives_p10": x["arrives_p10_p50_p90"][0],
                     "arrives_p50": x["arrives_p10_p50_p90"][1],
                     "arrives_p90": x["arrives_p10_p50_p90"][2],
                     "door_h_p10": a["p10"], "door_h_p50": a["p50"], "door_h_p90": a["p90"],
                     "door_h_mean": a["mean"], "border_h_p50": b["p50"], "border_h_p90": b["p90"],
                     "spoiled": s["value"], "spoiled_lo": s["lo"], "spoiled_hi": s["hi"],
                     "not_arrived": x["not_arrived"]})
    df = pd.DataFrame(rows)
    df.attrs["text"] = r["text"]
    df.attrs["trucks"] = r["trucks"]
    return df
