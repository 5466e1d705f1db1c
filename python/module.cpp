// _bordersim: the compiled half of the Python package `bordersim` (python/bordersim/). It calls
// the same command functions as the command line (app/commands.hpp) and hands back plain data:
// decoded tables as numpy arrays and lists (the Python half makes DataFrames of them), the
// summary rows' per-replication values, and the terminal text.
//
// Runs (and validations) release the GIL: the work runs on a worker thread, in a sim::StopScope
// watching the call's cancel flag (loading and grid building poll it too), while the calling thread
// waits, taking the GIL back every few tens of milliseconds to run Python's signal handlers
// (PyErr_CheckSignals). Ctrl-C there raises KeyboardInterrupt in Python as usual: we set the
// run's cancel flag, wait for the worker to stop (it removes its partial file) and re-raise it.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "app/commands.hpp"
#include "models/source_error.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/result_file.hpp"
#include "outputs/table_reader.hpp"
#include "outputs/verify.hpp"
#include "sim/stop.hpp"

namespace py = pybind11;

namespace {

PyObject* g_scenario_error = nullptr;
PyObject* g_usage_error = nullptr;
PyObject* g_output_error = nullptr;

// ---- arguments -------------------------------------------------------------------------------

app::ScenarioSource source(const py::dict& s) {
  app::ScenarioSource src =
      s["is_text"].cast<bool>()
          ? app::ScenarioSource::yaml(s["text"].cast<std::string>(), s["name"].cast<std::string>())
          : app::ScenarioSource::file(s["path"].cast<std::string>());
  for (const auto& o : s["overrides"].cast<std::vector<std::pair<std::string, std::string>>>())
    src.overrides.push_back(app::Override{o.first, o.second, "overrides[" + o.first + "]"});
  return src;
}

app::RunOptions run_options(const py::dict& o) {
  app::RunOptions r;
  auto text = [&](const char* k) { return o.contains(k) ? o[k].cast<std::string>() : ""; };
  r.out = text("output");
  r.seed = text("seed");
  r.horizon = text("horizon");
  r.warmup = text("warmup");
  r.report = text("report");
  if (o.contains("replications")) r.replications = o["replications"].cast<int>();
  if (o.contains("threads")) r.threads = o["threads"].cast<unsigned>();
  if (o.contains("force")) r.force = o["force"].cast<bool>();
  if (o.contains("allow_large")) r.allow_large = o["allow_large"].cast<bool>();
  // --precision, --precision-metric and --max-replications, checked as the command line checks
  // them (app/main.cpp), the errors naming the Python arguments.
  const std::string precision = text("precision");
  if (!precision.empty()) r.precision.relative = app::parse_precision(precision);
  if (o.contains("precision_metrics"))
    for (const auto& m : o["precision_metrics"].cast<std::vector<std::string>>())
      r.precision.metrics.push_back(app::parse_named_metric(m));
  if (!r.precision.metrics.empty() && precision.empty())
    throw app::UsageError("precision_metrics needs precision");
  if (o.contains("max_replications")) {
    const long long n = o["max_replications"].cast<long long>();
    if (n < 2 || n > 65535)
      throw app::UsageError("max_replications: expected 2 to 65535, got " + std::to_string(n));
    r.precision.max_replications = static_cast<int>(n);
  }
  return r;
}

// ---- running with the GIL released ---------------------------------------------------------

struct Watch {
  std::atomic<bool> cancel{false};
  std::atomic<std::size_t> done{0}, total{0};
};

// Runs `body` on a worker thread while this thread polls Python's signal handlers and calls
// `progress(done, total)` when it changes. Rethrows the worker's exception, or the Python
// exception a signal handler raised (after the worker has stopped).
template <class T>
T watched(const std::function<T(Watch&)>& body, const py::object& progress) {
  Watch w;
  std::optional<T> result;
  std::exception_ptr error;
  std::mutex m;
  std::condition_variable cv;
  bool finished = false;
  std::optional<py::error_already_set> raised;
  std::size_t shown = static_cast<std::size_t>(-1);
  {
    py::gil_scoped_release release;
    std::thread worker([&] {
      sim::StopScope scope(&w.cancel);  // loading, grid building, writing poll it too
      try {
        result.emplace(body(w));
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(m);
      finished = true;
      cv.notify_all();
    });
    std::unique_lock<std::mutex> lock(m);
    while (!finished) {
      cv.wait_for(lock, std::chrono::milliseconds(50));
      if (finished || raised) continue;
      lock.unlock();
      {
        py::gil_scoped_acquire gil;
        if (PyErr_CheckSignals() != 0) {
          raised.emplace();  // takes the pending exception (KeyboardInterrupt)
          w.cancel = true;
        } else if (!progress.is_none() && w.done.load() != shown) {
          shown = w.done.load();
          try {
            progress(shown, w.total.load());
          } catch (py::error_already_set& e) {
            raised.emplace(std::move(e));
            w.cancel = true;
          }
        }
      }
      lock.lock();
    }
    lock.unlock();
    worker.join();
  }
  if (raised) throw std::move(*raised);
  if (error) std::rethrow_exception(error);
  // The last count, which the worker may have reached just before it finished.
  if (!progress.is_none() && w.done.load() != shown) progress(w.done.load(), w.total.load());
  return std::move(*result);
}

// The options with the watch's cancel flag and a progress counter.
app::RunOptions watched_options(app::RunOptions o, Watch& w) {
  o.cancel = &w.cancel;
  o.progress = [&w](const models::Scenario&) -> app::ProgressFn {
    return [&w](std::size_t done, std::size_t total, double, double) {
      w.done = done;
      w.total = total;
    };
  };
  return o;
}

// Runs a command watched, then writes its report if one was asked for, as the command line does.
template <class Outcome, class Command>
Outcome run_command(const app::RunOptions& opts, Command command, const py::object& progress) {
  return watched<Outcome>(
      [&](Watch& w) {
        Outcome out = command(watched_options(opts, w));
        if (!opts.report.empty()) app::write_report(out.out, opts.report);
        return out;
      },
      progress);
}

// ---- results -------------------------------------------------------------------------------

py::dict column_data(const outputs::DecodedColumn& c) {
  using Kind = outputs::DecodedColumn::Kind;
  py::dict d;
  d["name"] = c.name;
  d["unit"] = c.unit;
  switch (c.kind) {
    case Kind::Int:
      d["kind"] = "int";
      d["values"] =
          py::array_t<std::int64_t>(static_cast<py::ssize_t>(c.ints.size()), c.ints.data());
      break;
    case Kind::Float:
      d["kind"] = "float";
      d["values"] = py::array_t<double>(static_cast<py::ssize_t>(c.floats.size()), c.floats.data());
      break;
    case Kind::Text:
      d["kind"] = "text";
      d["values"] = c.texts;
      break;
    case Kind::Category:
      d["kind"] = "category";
      d["values"] =
          py::array_t<std::int32_t>(static_cast<py::ssize_t>(c.codes.size()), c.codes.data());
      d["categories"] = c.categories;
      d["lookup"] = c.lookup;
      break;
  }
  return d;
}

py::dict table_data(const outputs::DecodedTable& t) {
  py::list cols;
  for (const auto& c : t.columns) cols.append(column_data(c));
  py::dict d;
  d["path"] = t.path;
  d["rows"] = t.rows;
  d["columns"] = cols;
  return d;
}

// Per row of the file's /summary, its values in replication order (NaN where a replication
// lacks the metric). Curve metrics (the reliability curve) are in /reliability, not /summary.
py::array_t<double> replication_values(const std::vector<outputs::SummaryRow>& all, int reps) {
  std::vector<const outputs::SummaryRow*> rows;
  for (const auto& r : all)
    if (!outputs::metric_spec(r.key.metric).curve) rows.push_back(&r);
  py::array_t<double> a({static_cast<py::ssize_t>(rows.size()), static_cast<py::ssize_t>(reps)});
  auto v = a.mutable_unchecked<2>();
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (int r = 0; r < reps; ++r)
      v(static_cast<py::ssize_t>(i), r) =
          static_cast<std::size_t>(r) < rows[i]->values.size() ? rows[i]->values[r] : NAN;
  return a;
}

py::dict run(const py::dict& scenario, const py::dict& options, const py::object& progress) {
  const app::ScenarioSource src = source(scenario);
  const app::RunOptions opts = run_options(options);
  auto r = run_command<app::RunOutcome>(
      opts, [&](const app::RunOptions& o) { return app::run(src, o); }, progress);
  py::dict d;
  d["path"] = r.out;
  d["name"] = r.scenario.name;
  d["text"] = app::render_run(r);
  d["values"] = replication_values(r.summary, r.scenario.replications);
  d["warnings"] = r.warnings;
  return d;
}

// In memory: the summary rows as /summary has them (metric, group label, unit, mean with its 95 %
// CI, n; the reliability curve apart) and their per-replication values; no file.
py::dict evaluate(const py::dict& scenario, const py::dict& options, const py::object& progress) {
  const app::ScenarioSource src = source(scenario);
  const app::RunOptions opts = run_options(options);
  auto r = watched<app::RunOutcome>(
      [&](Watch& w) { return app::evaluate(src, watched_options(opts, w)); }, progress);
  py::list metric, group, unit;
  std::vector<double> mean, sd, lo, hi;
  std::vector<std::int64_t> n;
  for (const outputs::SummaryRow& row : r.summary) {
    if (outputs::metric_spec(row.key.metric).curve) continue;
    metric.append(outputs::metric_name(row.key.metric));
    group.append(row.key.label);
    unit.append(row.key.unit);
    mean.push_back(row.ci.mean);
    sd.push_back(row.ci.sd);
    lo.push_back(row.ci.lo);
    hi.push_back(row.ci.hi);
    n.push_back(static_cast<std::int64_t>(row.ci.n));
  }
  auto array = [](const std::vector<double>& v) {
    return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data());
  };
  py::dict d;
  d["name"] = r.scenario.name;
  d["metric"] = metric;
  d["group"] = group;
  d["unit"] = unit;
  d["mean"] = array(mean);
  d["sd"] = array(sd);
  d["ci95_lo"] = array(lo);
  d["ci95_hi"] = array(hi);
  d["n"] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(n.size()), n.data());
  d["values"] = replication_values(r.summary, r.scenario.replications);
  d["warnings"] = r.warnings;
  return d;
}

py::dict compare(const py::list& scenarios, const py::dict& options, const py::object& progress) {
  std::vector<app::ScenarioSource> srcs;
  for (const auto& s : scenarios) srcs.push_back(source(s.cast<py::dict>()));
  const app::RunOptions opts = run_options(options);
  auto r = run_command<app::CompareOutcome>(
      opts, [&](const app::RunOptions& o) { return app::compare(srcs, o); }, progress);
  py::dict d, values;
  d["path"] = r.out;
  d["names"] = r.names;
  d["text"] = app::render_compare(r);
  for (std::size_t i = 0; i < r.names.size(); ++i)
    values[py::str(r.names[i])] =
        replication_values(outputs::summarize(r.metrics[i]), r.scenarios[i].replications);
  d["values"] = values;
  d["warnings"] = r.warnings;
  return d;
}

py::dict sweep(const py::dict& scenario,
               const std::vector<std::pair<std::string, std::vector<std::string>>>& axes,
               const py::dict& options, const py::object& progress) {
  const app::ScenarioSource src = source(scenario);
  const app::RunOptions opts = run_options(options);
  std::vector<outputs::SweepAxis> a;
  for (const auto& [path, values] : axes) a.push_back(outputs::SweepAxis{path, values});
  auto r = run_command<app::SweepOutcome>(
      opts, [&](const app::RunOptions& o) { return app::sweep(src, a, o); }, progress);
  py::dict d;
  d["path"] = r.out;
  d["labels"] = r.labels;
  d["text"] = app::render_sweep(r);
  d["warnings"] = r.warnings;
  return d;
}

// A design over the base's uncertain inputs, the base and variants run at every point; the
// tables are read back from the file (python/bordersim/results.py), as the command line wrote them.
py::dict explore(const py::list& scenarios, const std::string& design, std::size_t points,
                 const std::vector<std::string>& metrics, const py::dict& options,
                 const py::object& progress) {
  std::vector<app::ScenarioSource> srcs;
  for (const auto& s : scenarios) srcs.push_back(source(s.cast<py::dict>()));
  const app::RunOptions opts = run_options(options);
  const app::ExploreOptions e{design, points, metrics};
  auto r = run_command<app::ExploreOutcome>(
      opts, [&](const app::RunOptions& o) { return app::explore(srcs, e, o); }, progress);
  py::dict d;
  d["path"] = r.out;
  d["names"] = r.names;
  d["text"] = app::render_explore(r);
  d["warnings"] = r.warnings;
  d["replications_least"] = r.replications_least;
  d["replications_most"] = r.replications_most;
  return d;
}

// The cheapest staffing meeting the targets (app/optimise.cpp). An infeasible search is an
// answer, not an error: the best plan is written and `feasible` says so, as the command line
// writes it and exits 1. The tables are read back from the file (python/bordersim/results.py).
py::dict optimise(const py::dict& scenario, const app::OptimiseOptions& p, const py::dict& options,
                  const py::object& progress) {
  const app::ScenarioSource src = source(scenario);
  const app::RunOptions opts = run_options(options);
  auto r = run_command<app::OptimiseOutcome>(
      opts, [&](const app::RunOptions& o) { return app::optimise(src, p, o); }, progress);
  py::dict d;
  d["path"] = r.out;
  d["text"] = app::render_optimise(r);
  d["feasible"] = r.result.feasible;
  d["plan_file"] = r.plan_file;
  d["warnings"] = r.warnings;
  return d;
}

// Watched like a run: a scenario can take long to check (a long horizon's calendar, a big
// arrival table), and Ctrl-C stops it.
py::dict validate(const py::dict& scenario) {
  const app::ScenarioSource src = source(scenario);
  const app::ValidateOutcome v =
      watched<app::ValidateOutcome>([&](Watch&) { return app::validate(src); }, py::none());
  py::dict d;
  d["name"] = v.scenario.name;
  d["text"] = app::render_validate(v);
  py::list stops, intakes, flows;
  for (const auto* list : {&v.analysis.stops, &v.analysis.transshipment})
    for (const models::StopLoad& l : *list)
      stops.append(py::dict(
          py::arg("stop") = l.name, py::arg("stages") = l.stages, py::arg("servers") = l.servers,
          py::arg("lane_servers") = l.lane_servers, py::arg("visits_per_day") = l.visits_per_day,
          py::arg("mean_service_s") = l.mean_service_s,
          py::arg("server_hours_per_day") = l.server_hours_per_day, py::arg("load") = l.load));
  for (const models::IntakeLoad& l : v.analysis.intakes)
    intakes.append(
        py::dict(py::arg("intake") = l.name, py::arg("arrivals_per_day") = l.arrivals_per_day,
                 py::arg("capacity_per_day") = l.capacity_per_day, py::arg("load") = l.load));
  for (const models::FlowLoad& f : v.analysis.flows)
    flows.append(
        py::dict(py::arg("flow") = f.id, py::arg("vehicles_per_day") = f.vehicles_per_day));
  d["stops"] = stops;
  d["intakes"] = intakes;
  d["flows"] = flows;
  d["window_s"] = v.analysis.window_s;
  return d;
}

py::dict spread(const studies::Spread& x) {
  return py::dict(py::arg("mean") = x.mean, py::arg("half") = x.half, py::arg("p10") = x.p10,
                  py::arg("p50") = x.p50, py::arg("p90") = x.p90, py::arg("n") = x.n);
}
py::dict share(const studies::Share& x) {
  return py::dict(py::arg("value") = x.value, py::arg("lo") = x.lo, py::arg("hi") = x.hi,
                  py::arg("n") = x.n);
}

// From the scenario's initial state: per crossing direction the backlog per day (mean, CI
// half-width, percentiles), the day it falls to the level, and the initial queue's clearing.
py::dict forecast(const py::dict& scenario, const py::dict& options, const std::string& from,
                  const std::string& days, double level, const std::string& every) {
  const app::ScenarioSource src = source(scenario);
  const app::RunOptions opts = run_options(options);
  const app::ForecastOptions fo{from, days, level, every};
  const app::ForecastOutcome r = watched<app::ForecastOutcome>(
      [&](Watch& w) { return app::forecast(src, fo, watched_options(opts, w)); }, py::none());
  py::list columns;
  for (const studies::ForecastColumn& c : r.forecast.columns) {
    py::list days_list;
    for (const studies::Spread& d : c.by_day) days_list.append(spread(d));
    columns.append(py::dict(py::arg("name") = c.name, py::arg("by_day") = days_list,
                            py::arg("under_day") = spread(c.under_day),
                            py::arg("reached_level") = share(c.reached_level),
                            py::arg("initial_cleared_h") = spread(c.initial_cleared_h)));
  }
  py::dict d;
  d["name"] = r.scenario.name;
  d["text"] = app::render_forecast(r);
  d["dates"] = r.forecast.dates;
  d["columns"] = columns;
  d["level"] = level;
  d["replications"] = r.forecast.replications;
  return d;
}

// Watched trucks of a flow leaving at `depart`: per route, arrival, border time and spoilage.
py::dict eta(const py::dict& scenario, const py::dict& options, const std::string& flow,
             const std::string& depart, const std::string& route, int trucks,
             const std::string& within) {
  const app::ScenarioSource src = source(scenario);
  const app::RunOptions opts = run_options(options);
  const app::EtaOptions eo{flow, depart, route, trucks, within};
  const app::EtaOutcome r = watched<app::EtaOutcome>(
      [&](Watch& w) { return app::eta(src, eo, watched_options(opts, w)); }, py::none());
  py::list routes;
  for (const studies::EtaRoute& x : r.eta.routes) {
    py::list arrive;
    for (double t : x.arrival_s) arrive.append(studies::local_time(r.scenario, t));
    routes.append(
        py::dict(py::arg("route") = x.route, py::arg("chosen") = share(x.chosen),
                 py::arg("arrival_h") = spread(x.arrival_h),
                 py::arg("arrives_p10_p50_p90") = arrive, py::arg("border_h") = spread(x.border_h),
                 py::arg("spoiled") = share(x.spoiled), py::arg("not_arrived") = x.not_arrived));
  }
  py::dict d;
  d["name"] = r.scenario.name;
  d["text"] = app::render_eta(r);
  d["routes"] = routes;
  d["trucks"] = r.eta.trucks;
  return d;
}

py::dict file_info(const std::string& path) {
  // Verified first, in a child process (outputs/verify.hpp): a damaged file raises, never reads
  // from defaults, and one that crashes the HDF5 library does not take Python with it.
  const outputs::VerifiedResult v = outputs::verify_result_file(path);
  outputs::h5::Handle f = outputs::h5::open_file(path);
  py::dict d, attrs;
  d["tables"] = v.tables;
  for (const char* a : {"bordersim_version", "git_revision", "scenario_name", "scenario_file",
                        "scenario_yaml", "created", "command", "warnings", "precision_metrics",
                        "precision_warnings", "design", "variants", "uncertain_inputs"})
    if (outputs::has_attribute(f, a)) attrs[a] = outputs::h5::read_attr_string(f, a);
  for (const char* a :
       {"seed", "replications", "horizon_s", "warmup_s", "start_epoch_s", "utc_offset_s",
        "precision", "max_replications", "precision_batches", "design_points", "design_seed",
        "points", "replications_least", "replications_most"})
    if (outputs::has_attribute(f, a)) attrs[a] = outputs::h5::read_attr_double(f, a);
  for (const char* a : {"start_local", "time_zone"})
    if (outputs::has_attribute(f, a)) attrs[a] = outputs::h5::read_attr_string(f, a);
  d["attrs"] = attrs;
  // What `optimise` minimised and found (outputs/optimise_file.hpp), apart from the root's.
  py::dict opt;
  if (v.command == "optimise") {
    outputs::h5::Handle g(H5Gopen2(f, "optimisation", H5P_DEFAULT), H5Gclose,
                          "opening /optimisation");
    for (const char* a : {"objective", "unit", "guarantee", "unmet_target"})
      if (outputs::has_attribute(g, a)) opt[a] = outputs::h5::read_attr_string(g, a);
    for (const char* a : {"feasible", "budget_exhausted"})
      if (outputs::has_attribute(g, a)) opt[a] = outputs::h5::read_attr_double(g, a) != 0;
    for (const char* a : {"evaluations", "replications", "search_replications"})
      if (outputs::has_attribute(g, a))
        opt[a] = static_cast<long long>(outputs::h5::read_attr_double(g, a));
    for (const char* a : {"alpha", "cost", "baseline_cost", "selection_beta", "selection_eta",
                          "selection_h2", "unmet_best"})
      if (outputs::has_attribute(g, a)) opt[a] = outputs::h5::read_attr_double(g, a);
  }
  d["optimisation"] = opt;
  return d;
}

py::dict read_table(const std::string& path, const std::string& table) {
  outputs::h5::Handle f = outputs::h5::open_file(path);
  return table_data(outputs::read_decoded(f, table));
}

// A models::SourceError as bordersim.ScenarioError, its location as attributes.
void raise_scenario_error(const models::SourceError& e) {
  py::object cls = py::reinterpret_borrow<py::object>(g_scenario_error);
  py::object err = cls(e.what());
  err.attr("file") = e.file();
  err.attr("line") = e.mark().line;
  err.attr("column") = e.mark().col;
  err.attr("key") = e.key_path();
  err.attr("message") = e.message();
  PyErr_SetObject(g_scenario_error, err.ptr());
}

}  // namespace

PYBIND11_MODULE(_bordersim, m) {
  m.doc() = "bordersim's compiled core; use the package `bordersim`";
  g_scenario_error = PyErr_NewExceptionWithDoc(
      "bordersim.ScenarioError",
      "A scenario or override is invalid; attributes file, line, column, key, message.",
      PyExc_ValueError, nullptr);
  g_usage_error = PyErr_NewExceptionWithDoc(
      "bordersim.UsageError", "An option or argument is invalid.", PyExc_ValueError, nullptr);
  g_output_error = PyErr_NewExceptionWithDoc(
      "bordersim.OutputError",
      "The output cannot be written as asked (exists, locked, not a regular file).",
      PyExc_FileExistsError, nullptr);
  m.attr("ScenarioError") = py::handle(g_scenario_error);
  m.attr("UsageError") = py::handle(g_usage_error);
  m.attr("OutputError") = py::handle(g_output_error);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const models::SourceError& e) {
      raise_scenario_error(e);
    } catch (const app::UsageError& e) {
      PyErr_SetString(g_usage_error, e.what());
    } catch (const outputs::OutputRefused& e) {
      PyErr_SetString(g_output_error, e.what());
    } catch (const app::Interrupted& e) {
      PyErr_SetString(PyExc_KeyboardInterrupt, e.what());
    } catch (const sim::Cancelled& e) {
      PyErr_SetString(PyExc_KeyboardInterrupt, e.what());
    }
  });
  m.def("run", &run, py::arg("scenario"), py::arg("options"), py::arg("progress"));
  m.def("evaluate", &evaluate, py::arg("scenario"), py::arg("options"), py::arg("progress"));
  m.def("compare", &compare, py::arg("scenarios"), py::arg("options"), py::arg("progress"));
  m.def("sweep", &sweep, py::arg("scenario"), py::arg("axes"), py::arg("options"),
        py::arg("progress"));
  m.def("explore", &explore, py::arg("scenarios"), py::arg("design"), py::arg("points"),
        py::arg("metrics"), py::arg("options"), py::arg("progress"));
  m.def(
      "optimise",
      [](const py::dict& scenario, const std::vector<std::string>& targets,
         const std::vector<std::string>& levers, const std::vector<std::string>& blocks,
         const std::string& objective, const std::string& write_plan, int finalists,
         int max_evaluations, const py::dict& options, const py::object& progress) {
        const app::OptimiseOptions p{targets,    levers,    blocks,         objective,
                                     write_plan, finalists, max_evaluations};
        return optimise(scenario, p, options, progress);
      },
      py::arg("scenario"), py::arg("targets"), py::arg("levers"), py::arg("blocks"),
      py::arg("objective"), py::arg("write_plan"), py::arg("finalists"), py::arg("max_evaluations"),
      py::arg("options"), py::arg("progress"));
  m.def("validate", &validate, py::arg("scenario"));
  m.def("forecast", &forecast, py::arg("scenario"), py::arg("options"), py::arg("from_"),
        py::arg("days"), py::arg("level"), py::arg("every"));
  m.def("eta", &eta, py::arg("scenario"), py::arg("options"), py::arg("flow"), py::arg("depart"),
        py::arg("route"), py::arg("trucks"), py::arg("within"));
  m.def("file_info", &file_info, py::arg("path"));
  m.def("read_table", &read_table, py::arg("path"), py::arg("table"));
}
