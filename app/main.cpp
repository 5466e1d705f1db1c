// bordersim: the command line. Thin: parse, call, print. Exit codes: 0 success, 1 runtime failure
// (including an interrupted run), 2 usage or scenario error.
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <optional>

#include "models/analysis.hpp"
#include "models/border.hpp"
#include "models/loader.hpp"
#include "models/schema.hpp"
#include "models/theory_cases.hpp"
#include "models/units.hpp"
#include "outputs/contract.hpp"
#include "outputs/report.hpp"
#include "outputs/result_file.hpp"
#include "outputs/results.hpp"
#include "outputs/summary.hpp"
#include "outputs/sweep.hpp"
#include "sim/runner.hpp"
#include "sim/time.hpp"
#include "sim/validation.hpp"

namespace {

namespace fs = std::filesystem;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

std::atomic<bool> g_interrupted{false};
extern "C" void on_signal(int) {
  g_interrupted.store(true);
}

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// ---- verify ---------------------------------------------------------------------------------

int verify(const sim::ValidationOptions& opt) {
  // The engine's own cases, then the same theory through the scenario format.
  auto cases = sim::validation_cases();
  for (auto& c : models::scenario_validation_cases()) cases.push_back(std::move(c));
  bool all = true;
  fmt::print("{:<16} {:<26} {:>10} {:>10} {:>23}  {}\n", "case", "metric", "theory", "simulated",
             "95% CI", "result");
  for (const auto& c : cases) {
    sim::CaseResult r = sim::run_validation(c, opt);
    for (const auto& m : r.metrics)
      fmt::print("{:<16} {:<26} {:>10.4f} {:>10.4f} [{:>10.4f}, {:>10.4f}]  {}\n", c.name, m.name,
                 m.theory, m.ci.mean, m.ci.lo, m.ci.hi, m.pass ? "pass" : "FAIL");
    all = all && r.pass;
    std::fflush(stdout);
  }
  fmt::print("{}\n", all ? "all validation cases pass" : "some validation cases FAILED");
  return all ? kExitOk : kExitFailure;
}

// ---- validate -------------------------------------------------------------------------------

std::string hours_text(double s) {
  int m = static_cast<int>(std::lround(s / 60));
  return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string yard_text(const models::GateSide& g) {
  auto places = [](const models::Yard& y) {
    std::string t = y.capacity > 0 ? std::to_string(y.capacity) : std::string("unlimited");
    if (y.capacity > 0 && y.road >= 0) t += fmt::format(" (road {})", y.road);
    return t;
  };
  if (g.shared_yard) return "shared " + places(g.outbound_yard);
  return "outbound " + places(g.outbound_yard) + " / inbound " + places(g.inbound_yard);
}

std::string zone_text(int offset_s) {
  return fmt::format("UTC{}{}", offset_s < 0 ? "-" : "+", std::abs(offset_s) / 3600);
}

int validate(const std::string& path) {
  models::Scenario sc = models::load_scenario(path);
  fmt::print("{}: valid scenario '{}'\n", path, sc.name);
  if (!sc.description.empty()) fmt::print("  {}\n", sc.description);
  fmt::print("  start {} {} ({}), horizon {:.1f} d, warm-up {:.1f} d, seed {}, {} replications\n",
             models::units::format_date(sc.start_day), hours_text(sc.start_time_s),
             zone_text(sc.utc_offset_s), sc.horizon_s / 86400, sc.warmup_s / 86400, sc.seed,
             sc.replications);
  fmt::print("  cargo:");
  for (const auto& c : sc.cargo)
    fmt::print(" {}{}", c.id,
               c.perishable ? fmt::format(" (perishable, {:.1f} d)", c.shelf_life_s / 86400) : "");
  fmt::print("\n  gate sides:\n");
  for (const auto& g : sc.sides) {
    fmt::print("    {} [{}] {} open {}-{}, yard {}, {} closure(s), {} extended-hours range(s)\n",
               g.id, g.country, zone_text(g.utc_offset_s), hours_text(g.hours.open_s),
               hours_text(g.hours.close_s), yard_text(g), g.closures.size(), g.extended.size());
    for (const auto& st : g.stages) {
      double mean = st.service.mean();
      if (!st.channels.empty()) {
        mean = 0;
        for (const auto& ch : st.channels) mean += ch.share * ch.service.mean();
      }
      fmt::print("      {:<16} {:<11} {} server(s){}, mean service {:.1f} min{}\n", st.id, st.kind,
                 st.servers, st.lane.servers ? fmt::format(" + {} lane", st.lane.servers) : "",
                 mean / 60, st.priority ? ", priority for eligible cargo" : "");
    }
  }
  const char* modes[] = {"sequential", "single_window", "single_stop"};
  for (const auto& c : sc.crossings)
    fmt::print("  crossing {}: {} <-> {}, CBTA {}{}{}\n", c.id, sc.sides[c.side_a].id,
               sc.sides[c.side_b].id, modes[static_cast<int>(c.mode)],
               c.intake[0].limited ? ", export intake limited" : "",
               c.intake[1].limited ? ", import intake limited" : "");
  const models::Analysis a = models::analyse(sc);
  for (std::size_t i = 0; i < sc.flows.size(); ++i) {
    const auto& f = sc.flows[i];
    fmt::print("  flow {}: {}{}, {:.1f} trucks/day{}\n", f.id,
               f.export_direction ? "export" : "import", f.empty ? " (empty, returning)" : "",
               a.flows[i].vehicles_per_day,
               f.arrivals.table_s.empty()
                   ? ""
                   : fmt::format(" (table of {} arrivals)", f.arrivals.table_s.size()));
  }
  for (const auto& r : sc.rail)
    fmt::print(
        "  rail {}: {} departure(s)/day, {} wagons/train, {:.1f} wagons/day, terminal {} with {} "
        "crane(s)\n",
        r.id, r.departures_s.size(), r.wagons_per_train, r.wagons_per_day, r.terminal, r.cranes);
  fmt::print(
      "  offered load per stop over the {:.1f} days after the warm-up (work offered / open "
      "server-time):\n",
      a.window_s / sim::kDay);
  std::vector<std::string> idle;
  for (const auto& l : a.stops) {
    if (l.visits_per_day == 0) {
      idle.push_back(l.name);
      continue;
    }
    fmt::print("    {:<40} {:7.1f} vehicles/day x {:6.1f} min / {:6.1f} server-h/day = {:5.2f}\n",
               l.name, l.visits_per_day, l.mean_service_s / 60, l.server_hours_per_day, l.load);
    if (l.stages.size() > 1)
      fmt::print(
          "      joint stop of {} with {} server(s): as many as its smallest member, since every "
          "agency "
          "must be present\n",
          fmt::join(l.stages, ", "), l.servers);
  }
  if (!idle.empty()) fmt::print("    not visited by any vehicle: {}\n", fmt::join(idle, ", "));
  for (const auto& l : a.transshipment)
    fmt::print("    {:<40} {:7.1f} vehicles/day x {:6.1f} min / {:6.1f} server-h/day = {:5.2f}\n",
               l.name, l.visits_per_day, l.mean_service_s / 60, l.server_hours_per_day, l.load);
  for (const auto& l : a.intakes)
    fmt::print("    {:<40} {:7.1f} vehicles/day arrive / {:7.1f} admitted per day = {:5.2f}\n",
               l.name, l.arrivals_per_day, l.capacity_per_day, l.load);
  for (const auto& l : a.intakes)
    if (l.load >= 1)
      fmt::print(
          "{}: warning: {} admits {:.0f} vehicles a day against {:.0f} arriving ({:.2f} times what "
          "it "
          "takes): trucks back up into the yard and onto the road for as long as that lasts\n",
          path, l.name, l.capacity_per_day, l.arrivals_per_day, l.load);
  for (const auto* list : {&a.stops, &a.transshipment})
    for (const auto& l : *list)
      if (l.load >= 1)
        fmt::print(
            "{}: warning: {} is offered {:.2f} times what it can serve in its open hours: its "
            "queue will "
            "grow without bound\n",
            path, l.name, l.load);
  return kExitOk;
}

// ---- run, compare, sweep --------------------------------------------------------------------

struct RunOptions {
  std::string scenario;
  std::string out;
  int replications = 0;
  unsigned threads = 0;
  std::string seed;  // parsed strictly: 0 ... 2^64 - 1
  std::string warmup, horizon;
  bool force = false;
  bool quiet = false;
  std::string report;  // also write the HTML report here
};

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

void apply_overrides(models::Scenario& sc, const RunOptions& o) {
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
}

// Renders the report and writes it through a temporary file, renamed when complete.
void write_report(const std::string& h5, const std::string& html) {
  outputs::write_text_atomically(html, outputs::render_report_isolated(h5));
}

int report(const std::string& h5, std::string html) {
  if (!fs::exists(h5)) throw UsageError(h5 + ": no such result file");
  if (html.empty()) html = fs::path(h5).replace_extension(".html").string();
  outputs::check_output_path(html, /*force=*/true, "report");
  write_report(h5, html);
  fmt::print("report: {}\n", html);
  return kExitOk;
}

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

outputs::Provenance provenance() {
  return {BORDERSIM_VERSION, BORDERSIM_GIT_REV, now_iso()};
}

// Progress on stderr: a bar on a terminal, a plain line every few seconds otherwise.
class Progress {
 public:
  Progress(bool quiet, std::string label)
      : quiet_(quiet), tty_(isatty(2)), label_(std::move(label)) {}
  void operator()(std::size_t done, std::size_t total, double sim_days, double elapsed) {
    if (quiet_) return;
    const double rate = elapsed > 0 ? sim_days / elapsed : 0;
    const double per_rep = total_days_ > 0 ? total_days_ : 1;
    const double remaining =
        rate > 0 ? (per_rep * static_cast<double>(total) - sim_days) / rate : 0;
    if (tty_) {
      const int width = 30;
      const double frac =
          per_rep > 0 ? std::min(1.0, sim_days / (per_rep * static_cast<double>(total))) : 0;
      const int filled = static_cast<int>(frac * width);
      fmt::print(stderr, "\r{} [{}{}] {}/{} replications, {:.1f} sim-days/s, ETA {:.0f} s   ",
                 label_, std::string(static_cast<std::size_t>(filled), '#'),
                 std::string(static_cast<std::size_t>(width - filled), ' '), done, total, rate,
                 std::max(0.0, remaining));
      if (done == total) fmt::print(stderr, "\n");
    } else if (elapsed - last_ >= 5.0 || done == total) {
      last_ = elapsed;
      fmt::print(stderr, "{}: {}/{} replications, {:.1f} sim-days/s, ETA {:.0f} s\n", label_, done,
                 total, rate, std::max(0.0, remaining));
    }
  }
  void set_days_per_replication(double d) { total_days_ = d; }

 private:
  bool quiet_, tty_;
  std::string label_;
  double last_ = -1e9;
  double total_days_ = 0;
};

// Runs one scenario into `group`, returning its per-replication metrics.
std::vector<outputs::ReplicationMetrics> run_into(const models::Scenario& sc, hid_t group,
                                                  const RunOptions& o) {
  Progress progress(o.quiet, sc.name);
  progress.set_days_per_replication(sc.horizon_s / sim::kDay);
  outputs::RunControl ctl;
  ctl.threads = o.threads;
  ctl.cancel = &g_interrupted;
  ctl.progress = [&](std::size_t d, std::size_t t, double days, double el) {
    progress(d, t, days, el);
  };
  auto metrics = outputs::run_and_write(sc, group, ctl);
  outputs::write_summary(group, "summary", outputs::summarize(metrics));
  return metrics;
}

// Runs `body` into a result file (outputs/result_file.hpp: written to `<out>.partial` under a lock,
// every write checked, renamed when complete). On failure or interruption the partial file is
// removed and any earlier result at `out` is left untouched. The report's path is checked before
// any work, so a bad one cannot waste a run.
template <class Body>
int with_result_file(const std::string& out, const RunOptions& o, Body body) {
  if (!o.report.empty()) outputs::check_output_path(o.report, /*force=*/true, "--report");
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  try {
    outputs::ResultFile result(out, o.force);
    body(result.file());
    result.commit();
  } catch (const sim::Cancelled&) {
    fmt::print(stderr, "\nbordersim: interrupted; no result written{}\n",
               fs::exists(out) ? " (the earlier " + out + " is untouched)" : "");
    return kExitFailure;
  }
  return kExitOk;
}

// A backlog that keeps growing makes every figure above depend on the horizon: said after them.
void print_backlog_warnings(const std::string& prefix,
                            const std::vector<outputs::SummaryRow>& rows) {
  const auto warnings = outputs::backlog_warnings(rows);
  if (!warnings.empty()) fmt::print("\n");
  for (const outputs::BacklogWarning& w : warnings) fmt::print("{}{}\n", prefix, w.text());
}

int run(const RunOptions& o) {
  models::Scenario sc = models::load_scenario(o.scenario.empty() ? default_scenario() : o.scenario);
  apply_overrides(sc, o);
  const std::string out = o.out.empty() ? "results/" + sc.name + ".h5" : o.out;
  std::vector<outputs::ReplicationMetrics> metrics;
  int rc = with_result_file(out, o, [&](hid_t file) {
    outputs::write_root_attributes(file, sc, provenance());
    metrics = run_into(sc, file, o);
  });
  if (rc != kExitOk) return rc;
  const auto rows = outputs::summarize(metrics);
  fmt::print("{}", outputs::format_summary(sc, rows));
  print_backlog_warnings("", rows);
  fmt::print("\nresults: {}\n", out);
  if (!o.report.empty()) {
    write_report(out, o.report);
    fmt::print("report: {}\n", o.report);
  }
  return kExitOk;
}

int compare(const std::vector<std::string>& files, const RunOptions& o) {
  if (files.size() < 2) throw UsageError("compare needs a base scenario and at least one variant");
  std::vector<models::Scenario> scs;
  for (const std::string& f : files) scs.push_back(models::load_scenario(f));
  for (auto& sc : scs) {
    apply_overrides(sc, o);
    // Common random numbers: every scenario runs the base's seed and replications.
    sc.seed = scs.front().seed;
    sc.replications = scs.front().replications;
  }
  for (std::size_t i = 1; i < scs.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (scs[i].name == scs[j].name && files[i] != files[j])
        throw UsageError("two scenarios are both named '" + scs[i].name + "'");
  const std::string out = o.out.empty() ? "results/compare_" + scs.front().name + ".h5" : o.out;
  std::vector<std::vector<outputs::ReplicationMetrics>> metrics;
  std::string text;
  int rc = with_result_file(out, o, [&](hid_t file) {
    outputs::write_root_attributes(file, scs.front(), provenance());
    outputs::h5::attr_string(file, "command", "compare");
    std::vector<std::string> done;
    for (std::size_t i = 0; i < scs.size(); ++i) {
      std::string name = scs[i].name;
      for (int k = 2; std::find(done.begin(), done.end(), name) != done.end(); ++k)
        name = scs[i].name + "_" + std::to_string(k);
      done.push_back(name);
      outputs::h5::Handle g = outputs::h5::create_group(file, "scenarios/" + name);
      outputs::h5::attr_string(g, "scenario_yaml", scs[i].yaml);
      outputs::h5::attr_string(g, "scenario_file", scs[i].file);
      metrics.push_back(run_into(scs[i], g, o));
    }
    outputs::ComparisonWriter cmp(file, scs.front().name);
    for (std::size_t i = 1; i < scs.size(); ++i) {
      auto rows = outputs::compare(metrics.front(), metrics[i]);
      cmp.add(done[i], rows);
      text += outputs::format_comparison(done.front(), done[i], rows);
    }
  });
  if (rc != kExitOk) return rc;
  fmt::print("{}", text);
  for (std::size_t i = 0; i < scs.size(); ++i)
    print_backlog_warnings(scs[i].name + ": ", outputs::summarize(metrics[i]));
  fmt::print("\nresults: {}\n", out);
  if (!o.report.empty()) write_report(out, o.report);
  return kExitOk;
}

int sweep(const std::string& file, const std::vector<std::string>& sets, const RunOptions& o) {
  if (sets.empty()) throw UsageError("sweep needs at least one --set key.path=v1,v2,...");
  std::vector<outputs::SweepAxis> axes;
  try {
    for (const std::string& s : sets) axes.push_back(outputs::parse_sweep_set(s));
  } catch (const outputs::SweepError& e) {
    throw UsageError(e.what());
  }
  std::vector<outputs::SweepPoint> points = outputs::sweep_points(file, axes);
  for (auto& p : points) apply_overrides(p.scenario, o);
  const std::string out =
      o.out.empty() ? "results/sweep_" + points.front().scenario.name + ".h5" : o.out;
  std::vector<outputs::PointRow> rows;
  int rc = with_result_file(out, o, [&](hid_t file) {
    outputs::write_root_attributes(file, points.front().scenario, provenance());
    outputs::h5::attr_string(file, "command", "sweep");
    for (std::size_t p = 0; p < points.size(); ++p) {
      outputs::h5::Handle g = outputs::h5::create_group(file, fmt::format("sweep/p{:03}", p));
      outputs::h5::attr_string(g, "parameters", points[p].label);
      auto metrics = run_into(points[p].scenario, g, o);
      for (auto& row : outputs::summarize(metrics))
        rows.push_back(outputs::PointRow{static_cast<std::uint32_t>(p), points[p].label, row});
    }
    outputs::write_points(file, rows);
  });
  if (rc != kExitOk) return rc;
  // The terminal table: the catalogue's sweep metrics for all vehicles, one line a point.
  fmt::print("{:<5} {:<50}", "point", "parameters");
  for (outputs::Metric m : outputs::kSweepTableMetrics)
    fmt::print(" {:>20}", outputs::metric_name(m) + " (" + outputs::metric_spec(m).unit + ")");
  fmt::print("\n");
  for (std::size_t p = 0; p < points.size(); ++p) {
    fmt::print("{:<5} {:<50}", p, points[p].label);
    for (outputs::Metric m : outputs::kSweepTableMetrics) {
      double value = NAN;
      for (const auto& r : rows)
        if (r.point == p && r.row.key.metric == m &&
            r.row.key.group.kind == outputs::GroupKind::All)
          value = r.row.ci.mean;
      fmt::print(" {:>20.4f}", value);
    }
    fmt::print("\n");
  }
  fmt::print("\nresults: {}\n", out);
  if (!o.report.empty()) write_report(out, o.report);
  return kExitOk;
}

// An option given with an empty value (`-o ""`) is an error, not the default.
const CLI::Validator kNonEmpty(
    [](std::string& v) { return v.empty() ? std::string("must not be empty") : std::string(); }, "",
    "non-empty");

void add_run_options(CLI::App* cmd, RunOptions& o) {
  cmd->add_option("-o,--output", o.out, "result file (HDF5)")->check(kNonEmpty);
  cmd->add_option("--replications", o.replications, "replications (overrides the scenario)")
      ->check(CLI::Range(1, 65535));
  cmd->add_option("--threads", o.threads,
                  "worker threads (0: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--seed", o.seed, "base seed, 0 to 2^64 - 1 (overrides the scenario)")
      ->check(kNonEmpty);
  cmd->add_option("--warmup", o.warmup, "warm-up, e.g. 2d (overrides the scenario)")
      ->check(kNonEmpty);
  cmd->add_option("--horizon", o.horizon, "horizon, e.g. 30d (overrides the scenario)")
      ->check(kNonEmpty);
  cmd->add_flag("--force", o.force, "overwrite an existing result file");
  cmd->add_flag("--quiet", o.quiet, "no progress on stderr");
  cmd->add_option("--report", o.report, "also write the HTML report to this file")
      ->check(kNonEmpty);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bordersim: discrete-event simulation of cross-border freight"};
  app.set_version_flag("--version", std::string(BORDERSIM_VERSION) + " (" BORDERSIM_GIT_REV ")");
  app.require_subcommand(1);

  RunOptions ro;
  auto* run_cmd = app.add_subcommand(
      "run", "Run a scenario (default: scenarios/lao_cai.yaml) and write an HDF5 result");
  run_cmd->add_option("scenario", ro.scenario, "scenario YAML file")->check(kNonEmpty);
  add_run_options(run_cmd, ro);

  std::vector<std::string> compare_files;
  auto* compare_cmd = app.add_subcommand(
      "compare", "Run scenarios on common random numbers; paired CIs of differences");
  compare_cmd->add_option("scenarios", compare_files, "BASE.yaml VARIANT.yaml [MORE.yaml ...]")
      ->required();
  add_run_options(compare_cmd, ro);

  std::string sweep_file;
  std::vector<std::string> sweep_sets;
  auto* sweep_cmd =
      app.add_subcommand("sweep", "Run a grid of parameter values, each with R replications");
  sweep_cmd->add_option("scenario", sweep_file, "scenario YAML file")->required();
  sweep_cmd->add_option("--set", sweep_sets, "key.path=v1,v2,... (repeatable; list items by id)")
      ->required();
  add_run_options(sweep_cmd, ro);

  sim::ValidationOptions vopt;
  auto* verify_cmd = app.add_subcommand(
      "verify", "Run the queueing-theory validation cases: theory, simulated mean, 95% CI");
  verify_cmd->add_option("--replications", vopt.replications, "replications per case")
      ->check(CLI::Range(2, 10000));
  verify_cmd->add_option("--threads", vopt.threads, "worker threads (0: all cores)");
  verify_cmd->add_option("--seed", vopt.seed, "base seed");

  std::string scenario_path;
  auto* validate_cmd = app.add_subcommand(
      "validate", "Check a scenario and describe it (flows, gates, stages, loads)");
  validate_cmd->add_option("scenario", scenario_path, "scenario YAML file")->required();
  auto* schema_cmd = app.add_subcommand("schema", "Print the scenario format reference (Markdown)");
  auto* output_format_cmd =
      app.add_subcommand("output-format", "Print the result file reference (Markdown)");
  std::string report_in, report_out;
  auto* report_cmd =
      app.add_subcommand("report", "Write the self-contained HTML report of a result file");
  report_cmd->add_option("result", report_in, "result file (HDF5) of run, compare or sweep")
      ->required();
  report_cmd
      ->add_option("-o,--output", report_out, "HTML file (default: the result's name with .html)")
      ->check(kNonEmpty);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;  // CLI11's own codes (100-127) map to 2
  }
  try {
    if (run_cmd->parsed()) return run(ro);
    if (compare_cmd->parsed()) return compare(compare_files, ro);
    if (sweep_cmd->parsed()) return sweep(sweep_file, sweep_sets, ro);
    if (verify_cmd->parsed()) return verify(vopt);
    if (validate_cmd->parsed()) return validate(scenario_path);
    if (report_cmd->parsed()) return report(report_in, report_out);
    if (schema_cmd->parsed()) {
      fmt::print("{}", models::schema_markdown());
      return kExitOk;
    }
    if (output_format_cmd->parsed()) {
      fmt::print("{}", outputs::output_format_markdown());
      return kExitOk;
    }
  } catch (const models::SourceError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitUsage;
  } catch (const outputs::OutputRefused& e) {
    fmt::print(stderr, "bordersim: error: {}\n", e.what());
    return kExitUsage;
  } catch (const UsageError& e) {
    fmt::print(stderr, "bordersim: error: {}\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "bordersim: error: {}\n", e.what());
    return kExitFailure;
  }
  return kExitOk;
}
