// The commands as functions with structured results (app/commands.hpp). Rendering is in
// app/render.cpp.
#include "app/commands.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <filesystem>

#include "app/command_parts.hpp"
#include "app/distribution.hpp"
#include "app/optimise_parts.hpp"
#include "app/replicate.hpp"
#include "app/rounds.hpp"
#include "app/watch.hpp"
#include "app/work_limits.hpp"
#include "models/loader.hpp"
#include "models/theory_cases.hpp"
#include "models/uncertain.hpp"
#include "models/units.hpp"
#include "outputs/csv_export.hpp"
#include "outputs/result_file.hpp"
#include "report/report.hpp"
#include "sim/runner.hpp"
#include "sim/stop.hpp"
#include "sim/time.hpp"

#ifndef BORDERSIM_VERSION
#define BORDERSIM_VERSION "unknown"
#endif
#ifndef BORDERSIM_GIT_REV
#define BORDERSIM_GIT_REV "unknown"
#endif
#ifndef BORDERSIM_SOURCE_DIR
#define BORDERSIM_SOURCE_DIR "."
#endif

namespace app {

namespace fs = std::filesystem;

namespace {

std::string default_scenario() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("BORDERSIM_SCENARIOS"))
    candidates.emplace_back(fs::path(env) / "lao_cai.yaml");
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "scenarios" / "lao_cai.yaml");
  candidates.emplace_back(fs::path(BORDERSIM_SOURCE_DIR) / "scenarios" / "lao_cai.yaml");
  candidates.emplace_back("scenarios/lao_cai.yaml");
  for (const fs::path& p : candidates)
    if (fs::exists(p)) return p.string();
  throw UsageError("cannot find the default scenario scenarios/lao_cai.yaml; name a scenario file");
}

// A seed is a whole number from 0 to 2^64 - 1, written in digits: "-1" or "2^64" are refused,
// not wrapped onto another seed.
std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end)
    throw UsageError("--seed: expected a whole number from 0 to 18446744073709551615, got '" +
                     text + "'");
  return v;
}

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// The scenario's merged tree with the overrides set, and the text stored with it.
struct Tree {
  models::YamlNode root;
  std::string text;
};
Tree merged_tree(const ScenarioSource& src, std::vector<Override> overrides) {
  overrides.insert(overrides.end(), src.overrides.begin(), src.overrides.end());
  Tree t;
  t.text = src.is_text ? src.text : models::read_text_file(src.path);
  t.root = src.is_text ? models::load_merged_tree_text(src.text, src.path)
                       : models::load_merged_tree(src.path);
  for (const Override& o : overrides)
    models::set_in_tree(t.root, o.path, o.value, o.origin.empty() ? "--set " + o.path : o.origin);
  return t;
}

DistributionFactory g_distribution = nullptr;
bool g_worker = false;
AgreeFn g_agree = nullptr;

RunControl control(const models::Scenario& sc, const RunOptions& o, Distribution* dist,
                   std::size_t index) {
  RunControl ctl;
  ctl.threads = o.threads;
  ctl.cancel = o.cancel;
  if (o.progress) ctl.progress = o.progress(sc);
  if (dist) ctl.fetch = [dist, index](std::uint32_t r) { return dist->take(index, r); };
  return ctl;
}

// A batch of a scenario's replications written into `group` (app/rounds.hpp's Consume); they
// come from `dist` (its scenario number `index`) when distributed.
std::vector<outputs::ReplicationMetrics> run_into(const models::Scenario& batch, hid_t group,
                                                  const RunOptions& o, Distribution* dist,
                                                  std::size_t index) {
  return app::run_and_write(batch, group, control(batch, o, dist, index));
}

}  // namespace

outputs::Provenance provenance() {
  return {BORDERSIM_VERSION, BORDERSIM_GIT_REV, now_iso()};
}

// The attributes a precision run adds, and its warnings said in the file.
void write_precision(hid_t obj, const RunOptions& o, const Rounds& r,
                     const std::vector<std::string>& warnings) {
  if (!(o.precision.relative > 0)) return;
  outputs::h5::attr_double(obj, "precision", o.precision.relative);
  std::string metrics;
  for (const NamedMetric& m : o.precision.metrics) metrics += (metrics.empty() ? "" : ",") + m.text;
  outputs::h5::attr_string(obj, "precision_metrics",
                           metrics.empty() ? "border_time_mean,border_time_p95" : metrics);
  outputs::h5::attr_int(obj, "precision_batches", r.batches);
  outputs::h5::attr_int(obj, "max_replications", o.precision.max_replications);
  std::string joined;
  for (const std::string& x : warnings) joined += (joined.empty() ? "" : "\n") + x;
  if (!joined.empty()) outputs::h5::attr_string(obj, "precision_warnings", joined);
}

void set_distribution(DistributionFactory factory, bool worker, AgreeFn agree) {
  g_distribution = factory;
  g_worker = factory && worker;
  g_agree = agree;
}

bool distributed_worker() {
  return g_worker;
}

void agree(std::vector<std::uint64_t>& values) {
  if (g_agree) g_agree(values);
}

std::unique_ptr<Distribution> distribute(const std::vector<const models::Scenario*>& scenarios,
                                         unsigned threads, const std::atomic<bool>* cancel) {
  return g_distribution ? g_distribution(scenarios, threads, cancel) : nullptr;
}

models::Scenario load(const ScenarioSource& src, const std::vector<Override>& overrides) {
  models::Scenario sc;
  if (overrides.empty() && src.overrides.empty()) {
    sc = src.is_text ? models::load_scenario_text(src.text, src.path)
                     : models::load_scenario(src.path);
  } else {
    Tree t = merged_tree(src, overrides);
    sc = models::load_scenario_tree(t.root, src.path, std::move(t.text));
  }
  outputs::check_targets(sc);  // the metric names the output contract knows
  return sc;
}

void apply_options(models::Scenario& sc, const RunOptions& o) {
  auto duration = [](const std::string& flag, const std::string& text) {
    try {
      double v = models::units::duration(text);
      if (v < 0) throw std::invalid_argument("must not be negative");
      return v;
    } catch (const std::invalid_argument& e) {
      throw UsageError(flag + ": " + e.what());
    }
  };
  if (o.replications > 0) sc.replications = o.replications;
  if (!o.seed.empty()) sc.seed = parse_seed(o.seed);
  if (!o.horizon.empty()) sc.horizon_s = duration("--horizon", o.horizon);
  if (!o.warmup.empty()) sc.warmup_s = duration("--warmup", o.warmup);
  if (!(sc.horizon_s > 0)) throw UsageError("--horizon: must be greater than zero");
  if (sc.warmup_s >= sc.horizon_s) throw UsageError("the warm-up must end before the horizon");
  // A longer horizon may reach a change of a named zone's offset.
  if (!o.horizon.empty()) models::check_zone_offsets(sc);
}

namespace {

RunOutcome run_watched(const ScenarioSource& src, const RunOptions& o) {
  RunOutcome r;
  ScenarioSource s = src;  // an empty path runs the default, with the source's overrides
  if (s.path.empty() && !s.is_text) s.path = default_scenario();
  r.scenario = load(s, o.overrides);
  apply_options(r.scenario, o);
  r.out = o.out.empty() ? "results/" + r.scenario.name + o.out_suffix + ".h5" : o.out;
  if (distributed_worker()) {
    run_rounds({r.scenario}, {}, o, {});
    return r;
  }
  with_result_file(r.out, o, {&r.scenario}, "run", [&](hid_t file) {
    outputs::write_root_attributes(file, r.scenario, provenance());
    const Rounds rounds = run_rounds({r.scenario}, {}, o,
                                     [&](std::size_t, const models::Scenario& b, Distribution* d,
                                         std::size_t k) { return run_into(b, file, o, d, k); });
    r.metrics = rounds.metrics.front();
    if (rounds.replications.front() != r.scenario.replications) {
      r.scenario.replications = rounds.replications.front();
      outputs::write_root_attributes(file, r.scenario, provenance());
    }
    r.warnings = precision_warnings(rounds, o.precision, [](std::size_t) { return ""; });
    write_precision(file, o, rounds, r.warnings);
    r.summary = outputs::summarize(r.metrics);
    outputs::write_summary(file, "summary", r.summary);
  });
  return r;
}

}  // namespace

Consume evaluate_batch(const RunOptions& o) {
  return [&o](std::size_t, const models::Scenario& b, Distribution* d, std::size_t k) {
    const RunControl ctl = control(b, o, d, k);
    if (!ctl.fetch) return app::evaluate(b, ctl);
    std::vector<outputs::ReplicationMetrics> m;
    for (int r = 0; r < b.replications; ++r) {
      outputs::ReplicationRecord rec = ctl.fetch(static_cast<std::uint32_t>(r));
      if (!rec.error.empty()) throw std::runtime_error(rec.error);
      m.push_back(std::move(rec.metrics));
    }
    return m;
  };
}

namespace {

RunOutcome evaluate_watched(const ScenarioSource& src, const RunOptions& o) {
  RunOutcome r;
  ScenarioSource s = src;
  if (s.path.empty() && !s.is_text) s.path = default_scenario();
  r.scenario = load(s, o.overrides);
  apply_options(r.scenario, o);
  check_memory(estimate_memory({&r.scenario}, o.threads), o.allow_large, "evaluate");
  try {
    const Rounds rounds = run_rounds({r.scenario}, {}, o, evaluate_batch(o));
    r.metrics = rounds.metrics.front();
    r.scenario.replications = rounds.replications.front();
    r.warnings = precision_warnings(rounds, o.precision, [](std::size_t) { return ""; });
  } catch (const std::bad_alloc&) {
    throw std::runtime_error("out of memory while evaluating: " +
                             memory_words(estimate_memory({&r.scenario}, o.threads)));
  }
  r.summary = outputs::summarize(r.metrics);
  return r;
}

}  // namespace

std::vector<std::string> comparability_warnings(const std::vector<models::Scenario>& scs) {
  std::vector<std::string> w;
  const models::Scenario& b = scs.front();
  auto days = [](double s) { return fmt::format("{:g} d", s / sim::kDay); };
  for (std::size_t i = 1; i < scs.size(); ++i) {
    const models::Scenario& v = scs[i];
    auto differs = [&](const std::string& what, const std::string& bv, const std::string& vv) {
      w.push_back(fmt::format(
          "warning: {} and {} differ in {} ({} against {}): the replications pair different "
          "periods, so the differences mix the policy with the calendar",
          b.name, v.name, what, bv, vv));
    };
    if (v.epoch_s() != b.epoch_s())
      differs("start", models::units::format_date(b.start_day),
              models::units::format_date(v.start_day));
    if (v.horizon_s != b.horizon_s) differs("horizon", days(b.horizon_s), days(v.horizon_s));
    if (v.warmup_s != b.warmup_s) differs("warm-up", days(b.warmup_s), days(v.warmup_s));
    if (v.seed != b.seed)
      w.push_back(fmt::format(
          "warning: {} states seed {}, {} seed {}: compare runs every scenario on the base's seed "
          "({}) so that they share random numbers",
          v.name, v.seed, b.name, b.seed, b.seed));
    if (v.replications != b.replications)
      w.push_back(fmt::format("warning: {} states {} replications; compare runs the base's {}",
                              v.name, v.replications, b.replications));
  }
  return w;
}

namespace {

CompareOutcome compare_watched(const std::vector<ScenarioSource>& srcs, const RunOptions& o) {
  if (srcs.size() < 2) throw UsageError("compare needs a base scenario and at least one variant");
  CompareOutcome r;
  auto& scs = r.scenarios;
  for (const ScenarioSource& s : srcs) scs.push_back(load(s, o.overrides));
  for (auto& sc : scs) apply_options(sc, o);
  r.warnings = comparability_warnings(scs);
  for (auto& sc : scs) {
    // Common random numbers: every scenario runs the base's seed and replications.
    sc.seed = scs.front().seed;
    sc.replications = scs.front().replications;
  }
  for (std::size_t i = 1; i < scs.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      // The same file twice (or a file and a variant of it given as overrides) is run twice, as
      // name and name_2; two different files of one name would be ambiguous.
      if (scs[i].name == scs[j].name &&
          (srcs[i].path != srcs[j].path || srcs[i].text != srcs[j].text))
        throw UsageError("two scenarios are both named '" + scs[i].name + "'");
  r.out = o.out.empty() ? "results/compare_" + scs.front().name + ".h5" : o.out;
  std::vector<const models::Scenario*> all;
  for (const auto& sc : scs) all.push_back(&sc);
  std::vector<std::size_t> together;  // one unit: the replications pair across scenarios
  for (std::size_t i = 0; i < scs.size(); ++i) together.push_back(i);
  if (distributed_worker()) {
    run_rounds(scs, {together}, o, {});
    return r;
  }
  with_result_file(r.out, o, all, "compare", [&](hid_t file) {
    outputs::write_root_attributes(file, scs.front(), provenance());
    outputs::h5::attr_string(file, "command", "compare");
    std::string joined;
    for (const std::string& x : r.warnings) joined += (joined.empty() ? "" : "\n") + x;
    if (!joined.empty()) outputs::h5::attr_string(file, "warnings", joined);
    std::vector<outputs::h5::Handle> groups;
    for (std::size_t i = 0; i < scs.size(); ++i) {
      std::string name = scs[i].name;
      for (int k = 2; std::find(r.names.begin(), r.names.end(), name) != r.names.end(); ++k)
        name = scs[i].name + "_" + std::to_string(k);
      r.names.push_back(name);
      groups.push_back(outputs::h5::create_group(file, "scenarios/" + name));
      outputs::h5::attr_string(groups.back(), "scenario_yaml", scs[i].yaml);
      outputs::h5::attr_string(groups.back(), "scenario_file", scs[i].file);
    }
    const Rounds rounds =
        run_rounds(scs, {together}, o,
                   [&](std::size_t s, const models::Scenario& b, Distribution* d, std::size_t k) {
                     return run_into(b, groups[s], o, d, k);
                   });
    r.metrics = rounds.metrics;
    const auto precision =
        precision_warnings(rounds, o.precision, [&](std::size_t s) { return r.names[s] + ": "; });
    r.warnings.insert(r.warnings.end(), precision.begin(), precision.end());
    for (std::size_t i = 0; i < scs.size(); ++i) {
      scs[i].replications = rounds.replications[i];
      outputs::write_scenario_provenance(groups[i], scs[i]);
      outputs::write_summary(groups[i], "summary", outputs::summarize(r.metrics[i]));
    }
    if (scs.front().replications != rounds.replications.front() || o.precision.relative > 0)
      outputs::write_root_attributes(file, scs.front(), provenance());
    write_precision(file, o, rounds, precision);
    outputs::ComparisonWriter cmp(file, scs.front().name);
    outputs::DecompositionWriter why(file, scs.front().name);
    for (std::size_t i = 1; i < scs.size(); ++i) {
      r.diffs.push_back(outputs::compare(r.metrics.front(), r.metrics[i]));
      cmp.add(r.names[i], r.diffs.back());
      r.decompositions.push_back(outputs::decompose(r.metrics.front(), r.metrics[i]));
      why.add(r.names[i], r.decompositions.back());
    }
  });
  return r;
}

}  // namespace

SweepOutcome sweep(const ScenarioSource& src, const std::vector<std::string>& sets,
                   const RunOptions& o) {
  if (sets.empty()) throw UsageError("sweep needs at least one --set key.path=v1,v2,...");
  std::vector<outputs::SweepAxis> axes;
  try {
    for (const std::string& s : sets) axes.push_back(outputs::parse_sweep_set(s));
  } catch (const outputs::SweepError& e) {
    throw UsageError(e.what());
  }
  return sweep(src, std::move(axes), o);
}

namespace {

SweepOutcome sweep_watched(const ScenarioSource& src, std::vector<outputs::SweepAxis> axes,
                           const RunOptions& o) {
  if (axes.empty()) throw UsageError("sweep needs at least one parameter with values");
  for (const auto& a : axes)
    if (a.values.empty()) throw UsageError("sweep: no values for " + a.path);
  // The grid's size from the value counts, before it is built or any point read.
  std::size_t size = 1;
  std::string shape;
  for (const auto& a : axes) {
    size = size > static_cast<std::size_t>(-1) / a.values.size() ? static_cast<std::size_t>(-1)
                                                                 : size * a.values.size();
    shape += (shape.empty() ? "" : " x ") + std::to_string(a.values.size());
  }
  check_grid(size, shape, o.allow_large);
  SweepOutcome r;
  r.axes = std::move(axes);
  r.grid = outputs::sweep_grid(r.axes);
  std::vector<outputs::SweepPoint> points;
  if (o.overrides.empty() && src.overrides.empty() && !src.is_text) {
    points = outputs::sweep_points(src.path, r.axes);
  } else {
    const Tree t = merged_tree(src, o.overrides);
    points = outputs::sweep_points(t.root, src.path, t.text, r.axes);
  }
  for (auto& p : points) {
    sim::poll_stop();
    apply_options(p.scenario, o);
    r.labels.push_back(p.label);
    r.scenarios.push_back(std::move(p.scenario));
  }
  r.out = o.out.empty() ? "results/sweep_" + r.scenarios.front().name + ".h5" : o.out;
  std::vector<const models::Scenario*> all;
  for (const auto& sc : r.scenarios) all.push_back(&sc);
  if (distributed_worker()) {
    run_rounds(r.scenarios, {}, o, {});
    return r;
  }
  with_result_file(r.out, o, all, "sweep", [&](hid_t file) {
    outputs::write_root_attributes(file, r.scenarios.front(), provenance());
    outputs::h5::attr_string(file, "command", "sweep");
    std::vector<outputs::h5::Handle> groups;
    for (std::size_t p = 0; p < r.scenarios.size(); ++p) {
      groups.push_back(outputs::h5::create_group(file, fmt::format("sweep/p{:03}", p)));
      outputs::h5::attr_string(groups.back(), "parameters", r.labels[p]);
    }
    const Rounds rounds =
        run_rounds(r.scenarios, {}, o,
                   [&](std::size_t s, const models::Scenario& b, Distribution* d, std::size_t k) {
                     return run_into(b, groups[s], o, d, k);
                   });
    r.warnings = precision_warnings(rounds, o.precision, [&](std::size_t s) {
      return "point " + std::to_string(s) + " (" + r.labels[s] + "): ";
    });
    write_precision(file, o, rounds, r.warnings);
    for (std::size_t p = 0; p < r.scenarios.size(); ++p) {
      r.scenarios[p].replications = rounds.replications[p];
      outputs::write_scenario_provenance(groups[p], r.scenarios[p]);
      std::vector<outputs::SummaryRow> summary = outputs::summarize(rounds.metrics[p]);
      outputs::write_summary(groups[p], "summary", summary);
      for (auto& row : summary)
        r.rows.push_back(outputs::PointRow{static_cast<std::uint32_t>(p), r.labels[p], row});
    }
    outputs::write_points(file, r.rows);
    outputs::write_point_parameters(file, r.axes, r.grid);
  });
  return r;
}

}  // namespace

RunOutcome run(const ScenarioSource& src, const RunOptions& options) {
  const RunOptions o = watching(options);
  sim::StopScope scope(o.cancel);
  return stoppable("no result written", [&] { return run_watched(src, o); });
}

RunOutcome evaluate(const ScenarioSource& src, const RunOptions& options) {
  const RunOptions o = watching(options);
  sim::StopScope scope(o.cancel);
  return stoppable("nothing evaluated", [&] { return evaluate_watched(src, o); });
}

CompareOutcome compare(const std::vector<ScenarioSource>& srcs, const RunOptions& options) {
  const RunOptions o = watching(options);
  sim::StopScope scope(o.cancel);
  return stoppable("no result written", [&] { return compare_watched(srcs, o); });
}

SweepOutcome sweep(const ScenarioSource& src, std::vector<outputs::SweepAxis> axes,
                   const RunOptions& options) {
  const RunOptions o = watching(options);
  sim::StopScope scope(o.cancel);
  return stoppable("no result written", [&] { return sweep_watched(src, std::move(axes), o); });
}

CalibrateOutcome calibrate(const ScenarioSource& src, const RunOptions& o) {
  RunOptions ro = o;
  ro.out_suffix = "_calibration";
  CalibrateOutcome r;
  r.run = run(src, ro);
  if (r.run.metrics.empty()) return r;  // an MPI worker: rank 0 checks
  r.targets = outputs::evaluate_targets(r.run.scenario, r.run.metrics);
  for (const outputs::TargetResult& t : r.targets)
    r.all_pass = r.all_pass && t.verdict != outputs::Verdict::Miss;
  return r;
}

// The commands below watch the caller's stop flag (sim/stop.hpp), if it opened a scope.

ValidateOutcome validate(const ScenarioSource& src, const std::vector<Override>& overrides) {
  return stoppable("the scenario was not checked to the end", [&] {
    ValidateOutcome r;
    r.path = src.path;
    r.scenario = load(src, overrides);
    r.analysis = models::analyse(r.scenario);
    r.uncertain_problems = models::uncertain_problems(r.scenario);
    if (r.scenario.optimise) parse_targets(r.scenario, *r.scenario.optimise);  // located errors
    return r;
  });
}

VerifyOutcome verify(const sim::ValidationOptions& opt,
                     const std::function<void(const sim::CaseResult&)>& each) {
  return stoppable("the remaining cases were not run", [&] {
    auto cases = sim::validation_cases();
    for (auto& c : models::scenario_validation_cases()) cases.push_back(std::move(c));
    VerifyOutcome r;
    for (const auto& c : cases) {
      sim::poll_stop();
      r.cases.push_back(sim::run_validation(c, opt));  // its replications watch the flag
      r.all_pass = r.all_pass && r.cases.back().pass;
      if (each) each(r.cases.back());
    }
    return r;
  });
}

void write_report(const std::string& h5, const std::string& html) {
  stoppable("no report written" +
                (fs::exists(html) ? " (the earlier " + html + " is untouched)" : std::string()),
            [&] {
              // The page is rendered by a child process, which a stop ends at once; the file is
              // written beside `html` and renamed (never half a page).
              outputs::write_text_atomically(html, outputs::render_report_isolated(h5));
            });
}

std::string report(const std::string& h5, std::string html) {
  if (!fs::exists(h5)) throw UsageError(h5 + ": no such result file");
  if (html.empty()) html = fs::path(h5).replace_extension(".html").string();
  outputs::check_output_path(html, /*force=*/true, "report");
  write_report(h5, html);
  return html;
}

ExportOutcome export_csv(const std::string& h5, const std::string& dir, bool force) {
  if (!fs::exists(h5)) throw UsageError(h5 + ": no such result file");
  const bool earlier = fs::exists(dir);
  return stoppable(
      "no export written" + (earlier ? " (the earlier " + dir + " is untouched)" : std::string()),
      [&]() -> ExportOutcome {
        try {
          outputs::CsvExport e = outputs::export_csv(h5, dir, force);  // removes its partial dir
          return {e.dir, e.files};
        } catch (const outputs::h5::Error& e) {
          throw std::runtime_error(h5 + ": " + e.what());
        }
      });
}

}  // namespace app
