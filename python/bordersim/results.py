"""Result files as pandas DataFrames.

Every table is read by the compiled core (the same reader as `bordersim export --csv`):
categorical columns come decoded from /lookup as pandas Categoricals (a group column that does
not apply to a row is NaN), units are in `df.attrs["units"]`, and a sweep's parameters are typed
columns of `points` (numbers, numbers with a unit in attrs["units"], or text).
"""
import numpy as np
import pandas as pd

from . import _bordersim

# The per-replication tables under <scenario>/replications/rNNN/.
REPLICATION_TABLES = ("vehicles", "visits", "trains", "timeseries", "capacity", "backlog")


def frame(data):
    """A DataFrame from a table as the compiled core returns it."""
    columns, units = {}, {}
    for c in data["columns"]:
        values = c["values"]
        if c["kind"] == "category":
            cats = c["categories"]
            codes = np.asarray(values, dtype=np.int64)
            if len(set(cats)) == len(cats):
                values = pd.Categorical.from_codes(codes, categories=cats)
            else:  # two names alike (a cargo class called "empty"): plain strings
                values = np.array([cats[i] if i >= 0 else None for i in codes], dtype=object)
        elif c["kind"] == "text":
            values = np.array(values, dtype=object)
        columns[c["name"]] = values
        if c["unit"]:
            units[c["name"]] = c["unit"]
    df = pd.DataFrame(columns)
    df.attrs["units"] = units
    df.attrs["table"] = data["path"]
    return df


class _File:
    def __init__(self, path):
        self.path = str(path)
        info = _bordersim.file_info(self.path)
        self.attrs = info["attrs"]
        self.tables = info["tables"]
        self._cache = {}

    def table(self, name):
        """Any table of the file by its path ("summary", "replications/r000/vehicles", ...)."""
        name = name.strip("/")
        if name not in self.tables:
            command = self.attrs.get("command")
            hint = (f" (a file of `{command}`: bordersim.open() reads it as such)"
                    if command in ("compare", "sweep", "explore", "optimise") else "")
            raise KeyError(f"{self.path} has no table {name!r}{hint}")
        if name not in self._cache:
            self._cache[name] = frame(_bordersim.read_table(self.path, name))
        return self._cache[name].copy()

    @property
    def warnings(self):
        """The warnings the file keeps: a comparison's or an exploration's (`warnings`), and
        the metrics short of --precision (`precision_warnings`), each once, in order."""
        lines = []
        for a in ("warnings", "precision_warnings"):
            lines += [x for x in self.attrs.get(a, "").split("\n") if x]
        return list(dict.fromkeys(lines))


class ScenarioResult:
    """One scenario's results in a file: a run's file, one scenario of a comparison or one
    point of a sweep."""

    def __init__(self, file, base="", name=None):
        self._file, self._base = file, base
        self.name = name or file.attrs.get("scenario_name")

    def _path(self, table):
        return f"{self._base}/{table}" if self._base else table

    def table(self, table):
        return self._file.table(self._path(table))

    @property
    def summary(self):
        """Mean over replications with its 95 % CI, per metric and group."""
        return self.table("summary")

    @property
    def windows(self):
        return self.table("windows")

    @property
    def stops(self):
        """Every site vehicles queue at or wait in (stops, terminals, officer pools, intakes,
        yards) with its kind, side, crossing and direction: the `stop` codes of visits, the
        time series and the capacity table."""
        return self.table("stops")

    @property
    def replication_ids(self):
        prefix = self._path("replications/")
        return sorted({int(t[len(prefix) + 1:].split("/")[0])
                       for t in self._file.tables if t.startswith(prefix)})

    def replication_table(self, table):
        """One per-replication table of every replication that has it, with a `replication`
        column first; None when the scenario's `outputs` wrote it nowhere."""
        frames = []
        for r in self.replication_ids:
            path = self._path(f"replications/r{r:03}/{table}")
            if path in self._file.tables:
                df = self._file.table(path)
                df.insert(0, "replication", np.full(len(df), r, dtype=np.int64))
                frames.append(df)
        if not frames:
            return None
        units = frames[0].attrs.get("units", {})
        df = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        df.attrs["units"] = units
        return df

    vehicles = property(lambda self: self.replication_table("vehicles"))
    visits = property(lambda self: self.replication_table("visits"))
    trains = property(lambda self: self.replication_table("trains"))
    # Long: one row per site (stop, decoded) per sample, with its queue and busy.
    timeseries = property(lambda self: self.replication_table("timeseries"))
    # Each site's capacity schedule: servers from t_s on, per queue (shared or lane).
    capacity = property(lambda self: self.replication_table("capacity"))
    backlog = property(lambda self: self.replication_table("backlog"))


def _by_replication(summary, values):
    """The summary's metrics per replication: one row per metric, group and replication."""
    if values is None:
        return None
    values = np.asarray(values)
    if values.shape[0] != len(summary):
        raise RuntimeError("per-replication values do not match the summary rows")
    keys = summary.drop(columns=["mean", "sd", "ci95_lo", "ci95_hi", "n"])
    reps = values.shape[1]
    df = keys.loc[keys.index.repeat(reps)].reset_index(drop=True)
    df.insert(0, "replication", np.tile(np.arange(reps, dtype=np.int64), len(keys)))
    df["value"] = values.reshape(-1)
    return df.dropna(subset=["value"]).reset_index(drop=True)


class Result(ScenarioResult):
    """A run: its file's tables, the terminal text, and (fresh runs) the metrics per
    replication."""

    def __init__(self, path, text=None, values=None, warnings=None):
        super().__init__(_File(path))
        self.path = self._file.path
        self.text = text
        self._values = values
        # Metrics short of the precision asked (a fresh run's, else the file's).
        self.warnings = list(warnings) if warnings is not None else self._file.warnings

    @property
    def attrs(self):
        return dict(self._file.attrs)

    @property
    def tables(self):
        return list(self._file.tables)

    @property
    def metrics_by_replication(self):
        """Every summary metric per replication (None for a file opened with open())."""
        return _by_replication(self.summary, self._values)

    def __repr__(self):
        return f"<bordersim.Result {self.name} {self.path}>"


class _FileResult:
    """A file of several scenarios' results (compare, sweep)."""

    def __init__(self, path, text=None, warnings=None):
        self._file = _File(path)
        self.path, self.text, self.attrs = self._file.path, text, dict(self._file.attrs)
        self.warnings = list(warnings) if warnings is not None else self._file.warnings

    def table(self, name):
        return self._file.table(name)

    @property
    def tables(self):
        return list(self._file.tables)


class CompareResult(_FileResult):
    """A comparison: `comparison` (base, variant, difference with its paired CI per metric
    and group), and each scenario's results in `scenarios`."""

    def __init__(self, path, text=None, values=None, warnings=None):
        super().__init__(path, text, warnings)
        names = sorted({t.split("/")[1] for t in self._file.tables if t.startswith("scenarios/")})
        self.scenarios = {n: ScenarioResult(self._file, f"scenarios/{n}", n) for n in names}
        self.base = self.attrs.get("scenario_name")
        self._values = values or {}

    @property
    def comparison(self):
        return self._file.table("comparison")

    def metrics_by_replication(self, name):
        """One scenario's summary metrics per replication (fresh comparisons only)."""
        return _by_replication(self.scenarios[name].summary, self._values.get(name))

    def __repr__(self):
        return f"<bordersim.CompareResult {list(self.scenarios)} {self.path}>"


class SweepResult(_FileResult):
    """A sweep: `points` (every point's summary, one typed column per swept parameter),
    `parameters` (one row per point) and each point's results by point(i)."""

    @property
    def points(self):
        return self._file.table("points")

    @property
    def parameters(self):
        df = self.table("point_parameters")
        names = list(dict.fromkeys(df["parameter"]))
        pts = self.points
        keep = ["point"] + [n for n in names if n in pts.columns]
        out = pts[keep].drop_duplicates("point").reset_index(drop=True)
        out.attrs["units"] = {k: v for k, v in pts.attrs["units"].items() if k in keep}
        return out

    def point(self, i):
        return ScenarioResult(self._file, f"sweep/p{int(i):03}")

    def __repr__(self):
        return f"<bordersim.SweepResult {self.path}>"


def _with_inputs(df, wide, after):
    """`df` with the design's decoded value of every input as a column after `after`, matched
    by point (an input named as one of df's columns is left to `design`)."""
    at = list(df.columns).index(after) + 1
    by_point = wide.set_index("point")
    units = dict(df.attrs.get("units", {}))
    for name in [c for c in wide.columns if c != "point"]:
        if name in df.columns:
            continue
        df.insert(at, name, by_point[name].reindex(df["point"]).to_numpy())
        at += 1
        if name in wide.attrs["units"]:
            units[name] = wide.attrs["units"][name]
    df.attrs["units"] = units
    return df


class ExploreResult(_FileResult):
    """An exploration: the uncertain inputs (`inputs`), the design (`design`, one row per
    point), every scenario's summary at every point (`results`), each variant's paired
    difference from the base (`differences`), which inputs explain each metric
    (`sensitivity`) and where each variant's effect holds (`robustness`). `results` and
    `differences` carry each point's inputs as typed columns, as a sweep's `points` does."""

    def __init__(self, path, text=None, warnings=None):
        super().__init__(path, text, warnings)
        self.base = self.attrs.get("scenario_name")
        self.variants = [v for v in self.attrs.get("variants", "").split(",") if v]

    @property
    def inputs(self):
        """The inputs the design varies, in order: key, range (low, high, mode, unit,
        distribution) or alternatives, the scenario's own value, and where the range comes
        from."""
        return self.table("explore_inputs")

    def _wide(self, column):
        long = self.table("explore_design")
        inputs = self.inputs
        df = pd.DataFrame({"point": np.unique(long["point"].to_numpy())})
        units = {}
        for name, kind, unit in zip(inputs["name"], inputs["kind"], inputs["unit"]):
            # An alternative's value is its number; its label says more.
            col = column if column == "unit_value" or kind == "range" else "text"
            rows = long[long["name"] == name].set_index("point")[col]
            df[name] = rows.reindex(df["point"]).to_numpy()
            if column == "value" and kind == "range" and unit:
                units[name] = unit
        df.attrs["units"] = units
        df.attrs["table"] = "explore_design"
        return df

    @property
    def design(self):
        """One row per point: each input's value as run (a range's number in its unit, in
        attrs["units"]; an alternative's label)."""
        return self._wide("value")

    @property
    def coordinates(self):
        """One row per point: each input's coordinate in [0, 1], what the design drew and the
        sensitivity indices are computed on."""
        return self._wide("unit_value")

    @property
    def results(self):
        """Per point, scenario, metric and group: the mean over replications with its 95 % CI,
        and the point's inputs."""
        return _with_inputs(self.table("explore_points"), self.design, "parameters")

    @property
    def differences(self):
        """Per point, variant, metric and group: variant - base, paired, with its 95 % CI, and
        the point's inputs; None without variants."""
        if "explore_differences" not in self._file.tables:
            return None
        return _with_inputs(self.table("explore_differences"), self.design, "variant")

    @property
    def sensitivity(self):
        """Per scenario (or effect:<variant>), metric, group and input: the design's index
        (`measure`: src and r2 for lhs and grid, first and total for sobol, mu_star, mu and
        sigma for morris) with its 95 % CI."""
        return self.table("sensitivity")

    @property
    def robustness(self):
        """Per variant, metric and group: its effect's range over the design, at how many points
        it is better or worse, and the rule saying where it flips; None without variants."""
        return self.table("robustness") if "robustness" in self._file.tables else None

    def __repr__(self):
        return f"<bordersim.ExploreResult {self.base} {self.path}>"


class OptimiseResult(_FileResult):
    """A staffing optimisation: whether a plan meets every target (`feasible`), the plan as one
    row per decision (`plan`: a lever in an hour block with its bounds, the scenario's own value
    `baseline`, the queueing estimate the search started from `seed`, the value `chosen` and its
    `unit_cost` a day), each target at the plan and at the scenario's own staffing (`targets`),
    the selection's finalists (`finalists`) and every plan the search evaluated (`history`).
    `attrs` are those of /optimisation (objective, unit, feasible, guarantee, evaluations,
    replications, cost, baseline_cost, alpha, ...); the file's own are in `file_attrs`."""

    def __init__(self, path, text=None, warnings=None, plan_file=None):
        super().__init__(path, text, warnings)
        self.file_attrs = self.attrs
        self.attrs = dict(_bordersim.file_info(self.path)["optimisation"])
        self.name = self.file_attrs.get("scenario_name")
        self.plan_file = plan_file

    @property
    def feasible(self):
        return bool(self.attrs.get("feasible", False))

    @property
    def plan(self):
        return self.table("optimisation/decisions")

    @property
    def targets(self):
        return self.table("optimisation/targets")

    @property
    def finalists(self):
        return self.table("optimisation/finalists")

    @property
    def history(self):
        return self.table("optimisation/history")

    def __repr__(self):
        state = "feasible" if self.feasible else "infeasible"
        return f"<bordersim.OptimiseResult {self.name} {state} {self.path}>"


class ValidateResult:
    """What `bordersim validate` prints (`text`), and its offered loads as DataFrames."""

    def __init__(self, data):
        self.name, self.text, self.window_s = data["name"], data["text"], data["window_s"]
        self.stops = pd.DataFrame(data["stops"],
                                  columns=["stop", "stages", "servers", "lane_servers",
                                           "visits_per_day", "mean_service_s",
                                           "server_hours_per_day", "load"])
        self.intakes = pd.DataFrame(data["intakes"],
                                    columns=["intake", "arrivals_per_day", "capacity_per_day",
                                             "load"])
        self.flows = pd.DataFrame(data["flows"], columns=["flow", "vehicles_per_day"])
        self.warnings = [line for line in self.text.splitlines() if ": warning: " in line]

    def __repr__(self):
        return f"<bordersim.ValidateResult {self.name}>"


def open_result(path):
    """Opens a result file of run, compare, sweep, explore or optimise."""
    command = _bordersim.file_info(str(path))["attrs"].get("command")
    if command == "compare":
        return CompareResult(path)
    if command == "sweep":
        return SweepResult(path)
    if command == "explore":
        return ExploreResult(path)
    if command == "optimise":
        return OptimiseResult(path)
    return Result(path)
