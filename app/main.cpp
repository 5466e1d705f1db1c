// bordersim: the command line. Thin: parse, call (app/commands.hpp), print. Exit codes: 0
// success, 1 runtime failure (including an interrupted run), 2 usage or scenario error.
#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include "app/commands.hpp"
#include "app/mpi_runner.hpp"
#include "models/schema.hpp"
#include "models/source_error.hpp"
#include "outputs/contract.hpp"
#include "outputs/result_file.hpp"
#include "sim/stop.hpp"
#include "sim/time.hpp"

namespace {

const app::mpi::Session* g_session = nullptr;
// Set when a non-zero exit is an answer every rank reached (app/mpi_runner.hpp: finish).
bool g_answered = false;
// A rank other than 0 of an MPI run: it computes; rank 0 prints and writes.
bool worker_rank() {
  return g_session && g_session->active() && !g_session->root();
}

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Ctrl-C and SIGTERM set this flag, once installed for every command: each command runs in a
// sim::StopScope watching it, so the event loop, the replication runner and every long
// computation outside them (loading, grid building, merging, writing, export, report, verify)
// stop at their next check and unwind, removing what they had half written.
std::atomic<bool> g_interrupted{false};
extern "C" void on_signal(int) {
  g_interrupted.store(true);
}
void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;  // file writes go on; the flag is checked between them
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// The command line's options of run, compare and sweep.
struct CliRunOptions {
  std::string scenario;
  app::RunOptions run;
  bool quiet = false;     // nothing but errors: no progress, no tables
  bool verbose = false;   // every metric, not the headline
  std::string precision;  // --precision, parsed by with_terminal
  std::vector<std::string> precision_metrics;
};

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

// Precision warnings go to stderr, whatever --quiet says.
void warn(const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) fmt::print(stderr, "bordersim: {}\n", w);
}

// Ctrl-C and SIGTERM set the cancel flag: the run stops, and no result is written.
app::RunOptions with_terminal(const CliRunOptions& c) {
  app::RunOptions o = c.run;
  if (!c.precision.empty()) o.precision.relative = app::parse_precision(c.precision);
  for (const std::string& m : c.precision_metrics)
    o.precision.metrics.push_back(app::parse_named_metric(m));
  if (!c.precision_metrics.empty() && c.precision.empty())
    throw app::UsageError("--precision-metric needs --precision");
  o.cancel = &g_interrupted;
  const bool quiet = c.quiet;
  o.progress = [quiet](const models::Scenario& sc) -> app::ProgressFn {
    auto p = std::make_shared<Progress>(quiet, sc.name);
    p->set_days_per_replication(sc.horizon_s / sim::kDay);
    return [p](std::size_t d, std::size_t t, double days, double el) { (*p)(d, t, days, el); };
  };
  return o;
}

int run(const CliRunOptions& c) {
  const app::RunOptions o = with_terminal(c);
  const app::RunOutcome r = app::run(app::ScenarioSource::file(c.scenario), o);
  if (worker_rank()) return kExitOk;  // rank 0 writes, prints and reports
  warn(r.warnings);
  if (!c.quiet) fmt::print("{}", app::render_run(r, c.verbose));
  if (!o.report.empty()) {
    app::write_report(r.out, o.report);
    if (!c.quiet) fmt::print("report: {}\n", o.report);
  }
  return kExitOk;
}

int compare(const std::vector<std::string>& files, const CliRunOptions& c) {
  const app::RunOptions o = with_terminal(c);
  std::vector<app::ScenarioSource> srcs;
  for (const std::string& f : files) srcs.push_back(app::ScenarioSource::file(f));
  const app::CompareOutcome r = app::compare(srcs, o);
  if (worker_rank()) return kExitOk;  // rank 0 writes, prints and reports
  if (!c.quiet) fmt::print("{}", app::render_compare(r, c.verbose));
  if (!o.report.empty()) app::write_report(r.out, o.report);
  return kExitOk;
}

int explore(const std::vector<std::string>& files, const app::ExploreOptions& e,
            const CliRunOptions& c) {
  const app::RunOptions o = with_terminal(c);
  std::vector<app::ScenarioSource> srcs;
  for (const std::string& f : files) srcs.push_back(app::ScenarioSource::file(f));
  const app::ExploreOutcome r = app::explore(srcs, e, o);
  if (worker_rank()) return kExitOk;  // rank 0 writes, prints and reports
  if (!c.quiet)
    fmt::print("{}", app::render_explore(r));
  else
    warn(r.warnings);
  if (!o.report.empty()) app::write_report(r.out, o.report);
  return kExitOk;
}

int optimise(const std::string& file, const app::OptimiseOptions& p, const CliRunOptions& c) {
  const app::RunOptions o = with_terminal(c);
  const app::OptimiseOutcome r = app::optimise(app::ScenarioSource::file(file), p, o);
  if (worker_rank()) return kExitOk;  // rank 0 writes, prints and reports
  if (!c.quiet) fmt::print("{}", app::render_optimise(r));
  if (!o.report.empty()) app::write_report(r.out, o.report);
  if (!r.result.feasible) {
    g_answered = true;  // every rank finished the search: a result, not a failure to clean up
    fmt::print(stderr,
               "bordersim: no plan within the levers' bounds meets every target: {} (the best "
               "reached: {:.4g}); the best plan found is written\n",
               r.result.unmet_target, r.result.unmet_best);
    return kExitFailure;
  }
  return kExitOk;
}

int sweep(const std::string& file, const std::vector<std::string>& sets, const CliRunOptions& c) {
  const app::RunOptions o = with_terminal(c);
  const app::SweepOutcome r = app::sweep(app::ScenarioSource::file(file), sets, o);
  if (worker_rank()) return kExitOk;  // rank 0 writes, prints and reports
  warn(r.warnings);
  if (!c.quiet) fmt::print("{}", app::render_sweep(r));
  if (!o.report.empty()) app::write_report(r.out, o.report);
  return kExitOk;
}

// Exit 1 when a target is missed: CI holds the shipped scenarios to their sources.
int calibrate(const CliRunOptions& c, const std::string& markdown) {
  const app::RunOptions o = with_terminal(c);
  const app::CalibrateOutcome r = app::calibrate(app::ScenarioSource::file(c.scenario), o);
  if (worker_rank()) return kExitOk;
  if (!c.quiet) fmt::print("{}", app::render_calibrate(r));
  if (!markdown.empty()) {
    std::FILE* f = std::fopen(markdown.c_str(), "w");
    if (!f) throw std::runtime_error(markdown + ": cannot write");
    fmt::print(f, "{}", outputs::calibration_markdown(r.run.scenario, r.targets));
    if (std::fclose(f) != 0) throw std::runtime_error(markdown + ": cannot write");
  }
  if (!r.all_pass && c.quiet)
    for (const outputs::TargetResult& t : r.targets)
      if (t.verdict == outputs::Verdict::Miss)
        fmt::print(stderr, "bordersim: target {} missed (source {})\n", t.target.id,
                   t.target.source);
  return r.all_pass ? kExitOk : kExitFailure;
}

int verify(const sim::ValidationOptions& opt) {
  fmt::print("{}", app::render_verify_header());
  const app::VerifyOutcome r = app::verify(opt, [](const sim::CaseResult& c) {
    fmt::print("{}", app::render_verify_case(c));
    std::fflush(stdout);
  });
  fmt::print("{}", app::render_verify_footer(r));
  return r.all_pass ? kExitOk : kExitFailure;
}

// An option given with an empty value (`-o ""`) is an error, not the default.
const CLI::Validator kNonEmpty(
    [](std::string& v) { return v.empty() ? std::string("must not be empty") : std::string(); }, "",
    "non-empty");

void add_run_options(CLI::App* cmd, CliRunOptions& c) {
  app::RunOptions& o = c.run;
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
  cmd->add_flag("--allow-large", o.allow_large,
                "run past the work limits: a grid of more than 10000 points, or more memory "
                "than the budget (4 GiB or 80 % of the machine)");
  cmd->add_flag("--quiet", c.quiet, "print nothing but errors (no progress, no tables)");
  cmd->add_flag("--verbose", c.verbose, "every metric of every group, not the headline table");
  cmd->add_option("--report", o.report, "also write the HTML report to this file")
      ->check(kNonEmpty);
  cmd->add_option("--precision", c.precision,
                  "add replications in batches until each named metric's 95 % CI half-width is "
                  "within this share of its mean, e.g. 5% (the first batch: --replications)")
      ->check(kNonEmpty);
  cmd->add_option("--precision-metric", c.precision_metrics,
                  "a metric --precision applies to: name (headline groups) or name[group label]; "
                  "repeatable (default: border_time_mean and border_time_p95)")
      ->check(kNonEmpty);
  cmd->add_option("--max-replications", o.precision.max_replications,
                  "the most replications --precision adds up to (default 200)")
      ->check(CLI::Range(2, 65535));
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App cli{"bordersim: discrete-event simulation of cross-border freight"};
  cli.set_version_flag("--version", std::string(BORDERSIM_VERSION) + " (" BORDERSIM_GIT_REV ")");
  cli.require_subcommand(1);

  CliRunOptions ro;
  auto* run_cmd = cli.add_subcommand(
      "run", "Run a scenario (default: scenarios/lao_cai.yaml) and write an HDF5 result");
  run_cmd->add_option("scenario", ro.scenario, "scenario YAML file")->check(kNonEmpty);
  add_run_options(run_cmd, ro);

  std::vector<std::string> compare_files;
  auto* compare_cmd = cli.add_subcommand(
      "compare", "Run scenarios on common random numbers; paired CIs of differences");
  compare_cmd->add_option("scenarios", compare_files, "BASE.yaml VARIANT.yaml [MORE.yaml ...]")
      ->required();
  add_run_options(compare_cmd, ro);

  std::vector<std::string> explore_files;
  app::ExploreOptions eopt;
  auto* explore_cmd = cli.add_subcommand(
      "explore",
      "Run a design over the scenario's uncertain inputs (and variants on common random numbers): "
      "which inputs the answer rests on, and where a policy's effect flips");
  explore_cmd->add_option("scenarios", explore_files, "BASE.yaml [VARIANT.yaml ...]")
      ->required()
      ->check(kNonEmpty);
  explore_cmd->add_option("--design", eopt.design, "lhs (default), grid, morris or sobol")
      ->check(CLI::IsMember({"lhs", "grid", "morris", "sobol"}));
  explore_cmd
      ->add_option("--points", eopt.points,
                   "LHS points (default 64), Sobol' base rows (64; runs N x (inputs + 2)), Morris "
                   "trajectories (10; runs N x (inputs + 1)), or grid levels per range (3)")
      ->check(CLI::Range(1, 100000));
  explore_cmd
      ->add_option("--metric", eopt.metrics,
                   "a metric analysed beside the headline ones: name or name[group label]; "
                   "repeatable")
      ->check(kNonEmpty);
  add_run_options(explore_cmd, ro);

  std::string optimise_file;
  app::OptimiseOptions oopt;
  auto* optimise_cmd = cli.add_subcommand(
      "optimise",
      "Find the cheapest staffing (officers by stage or agency and hour block, lanes, closing "
      "hours) that meets the targets, with a stated confidence");
  optimise_cmd->add_option("scenario", optimise_file, "scenario YAML file (its `optimise:`)")
      ->required();
  optimise_cmd
      ->add_option("--target", oopt.targets,
                   "a target, replacing the scenario's: 'metric{group} <= value', e.g. "
                   "'border_time_p95{cargo=fresh_fruit} <= 2h'; repeatable")
      ->check(kNonEmpty);
  optimise_cmd
      ->add_option("--lever", oopt.levers,
                   "a lever, replacing the scenario's: KIND:REF=LOW..HIGH, e.g. "
                   "stage:kim_thanh.customs_import=1..8, agency:<side>.<agency>=2..12, "
                   "lane:<side>.<stage>=0..2, close:<side>=19..22; repeatable")
      ->check(kNonEmpty);
  optimise_cmd
      ->add_option("--blocks", oopt.blocks,
                   "the hour blocks of the command line's stage and agency levers, e.g. "
                   "--blocks 06-07 07-11 11-15 15-19 (default: the side's opening hours)")
      ->check(kNonEmpty);
  optimise_cmd->add_option("--objective", oopt.objective, "cost or officer_hours")
      ->check(CLI::IsMember({"cost", "officer_hours"}));
  optimise_cmd
      ->add_option("--write-plan", oopt.write_plan,
                   "write the plan chosen as a scenario that extends this one")
      ->check(kNonEmpty);
  optimise_cmd->add_option("--finalists", oopt.finalists, "plans carried to the selection (5)")
      ->check(CLI::Range(1, 50));
  optimise_cmd
      ->add_option("--max-evaluations", oopt.max_evaluations,
                   "the search's budget of plan evaluations (1000)")
      ->check(CLI::Range(1, 1000000));
  add_run_options(optimise_cmd, ro);

  std::string sweep_file;
  std::vector<std::string> sweep_sets;
  auto* sweep_cmd =
      cli.add_subcommand("sweep", "Run a grid of parameter values, each with R replications");
  sweep_cmd->add_option("scenario", sweep_file, "scenario YAML file")->required();
  sweep_cmd
      ->add_option(
          "--set", sweep_sets,
          "key.path=v1,v2,... (repeatable): each value a YAML fragment, split at commas outside "
          "[], {} and quotes; list items by index (stages[2]) or id")
      ->required();
  add_run_options(sweep_cmd, ro);

  std::string calibrate_markdown;
  auto* calibrate_cmd = cli.add_subcommand(
      "calibrate",
      "Run a scenario and check its published figures (targets:); exit 1 when one is missed");
  calibrate_cmd->add_option("scenario", ro.scenario, "scenario YAML file")->required();
  add_run_options(calibrate_cmd, ro);
  calibrate_cmd
      ->add_option("--markdown", calibrate_markdown,
                   "also write the targets' rows of the table in docs/validation.md to this file")
      ->check(kNonEmpty);

  sim::ValidationOptions vopt;
  auto* verify_cmd = cli.add_subcommand(
      "verify", "Run the queueing-theory validation cases: theory, simulated mean, 95% CI");
  verify_cmd->add_option("--replications", vopt.replications, "replications per case")
      ->check(CLI::Range(2, 10000));
  verify_cmd->add_option("--threads", vopt.threads, "worker threads (0: all cores)");
  verify_cmd->add_option("--seed", vopt.seed, "base seed");

  std::string scenario_path;
  auto* validate_cmd = cli.add_subcommand(
      "validate", "Check a scenario and describe it (flows, gates, stages, loads)");
  validate_cmd->add_option("scenario", scenario_path, "scenario YAML file")->required();
  bool suggest_warmup = false, hourly = false;
  app::RunOptions warmup_run;
  validate_cmd->add_flag("--hourly", hourly,
                         "print every stop's hourly picture: vehicles arriving, servers on duty "
                         "and offered load by hour of the day");
  validate_cmd->add_flag("--suggest-warmup", suggest_warmup,
                         "also run a pilot (at least 40 days from an empty border) and suggest a "
                         "warm-up by MSER-5, or say why none applies");
  validate_cmd
      ->add_option("--replications", warmup_run.replications,
                   "the pilot's replications (default 10)")
      ->check(CLI::Range(2, 50));
  validate_cmd->add_option("--threads", warmup_run.threads, "the pilot's threads (0: all cores)")
      ->check(CLI::Range(0, 1024));
  auto* schema_cmd = cli.add_subcommand("schema", "Print the scenario format reference (Markdown)");
  auto* output_format_cmd =
      cli.add_subcommand("output-format", "Print the result file reference (Markdown)");
  std::string report_in, report_out;
  auto* report_cmd =
      cli.add_subcommand("report", "Write the self-contained HTML report of a result file");
  report_cmd->add_option("result", report_in, "result file (HDF5) of run, compare or sweep")
      ->required();
  report_cmd
      ->add_option("-o,--output", report_out, "HTML file (default: the result's name with .html)")
      ->check(kNonEmpty);

  std::string summary_in;
  auto* summary_cmd = cli.add_subcommand(
      "summary", "Print every metric of a result file (run, compare or sweep) with its CI");
  summary_cmd->add_option("result", summary_in, "result file (HDF5)")->required();

  std::string export_in, export_dir;
  bool export_force = false;
  auto* export_cmd = cli.add_subcommand(
      "export", "Write every table of a result file as CSV (codes decoded, units in the header)");
  export_cmd->add_option("result", export_in, "result file (HDF5) of run, compare or sweep")
      ->required();
  export_cmd->add_option("--csv", export_dir, "directory to create, one CSV file per table")
      ->required()
      ->check(kNonEmpty);
  export_cmd->add_flag("--force", export_force, "replace an earlier export in that directory");

  // forecast and eta: in memory, no result file.
  std::string start_file;
  app::RunOptions start_run;
  auto add_start_options = [&](CLI::App* cmd) {
    cmd->add_option("scenario", start_file, "scenario YAML file")->required();
    cmd->add_option("--replications", start_run.replications,
                    "replications (overrides the scenario)")
        ->check(CLI::Range(2, 65535));
    cmd->add_option("--threads", start_run.threads,
                    "worker threads (0: all cores); results do not depend on it")
        ->check(CLI::Range(0, 1024));
    cmd->add_option("--seed", start_run.seed, "base seed, 0 to 2^64 - 1")->check(kNonEmpty);
  };
  app::ForecastOptions fo;
  auto* forecast_cmd = cli.add_subcommand(
      "forecast",
      "From the queue at a start (the scenario's initial_state): the backlog per day ahead and "
      "when it is cleared");
  add_start_options(forecast_cmd);
  forecast_cmd
      ->add_option("--from", fo.from,
                   "start, YYYY-MM-DDTHH:MM in the scenario's zone (default: its start)")
      ->check(kNonEmpty);
  forecast_cmd->add_option("--days", fo.days, "how far ahead, e.g. 14d (default 14d)")
      ->check(kNonEmpty);
  forecast_cmd->add_option("--every", fo.every, "step of the backlog samples (default 1d)")
      ->check(kNonEmpty);
  forecast_cmd->add_option("--level", fo.level,
                           "the backlog (vehicles) counted as cleared (default 0)");
  app::EtaOptions eo;
  auto* eta_cmd = cli.add_subcommand(
      "eta", "When a truck leaving at a given time arrives: percentiles, border time, spoilage");
  add_start_options(eta_cmd);
  eta_cmd->add_option("--flow", eo.flow, "the flow the truck belongs to")->required();
  eta_cmd->add_option("--depart", eo.depart, "departure, YYYY-MM-DDTHH:MM in the scenario's zone")
      ->required();
  eta_cmd->add_option("--route", eo.route, "one of the flow's routes (default: as it chooses)")
      ->check(kNonEmpty);
  eta_cmd->add_option("--trucks", eo.trucks, "watched trucks per replication (default 1)")
      ->check(CLI::Range(1, 1000));
  eta_cmd->add_option("--within", eo.within, "run at least this long after departure (7d)")
      ->check(kNonEmpty);

  // `bordersim explore --help`: CLI11 would print the main help for an unknown word before
  // --help and exit 0; an unknown command is a usage error, whatever follows it.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    std::string names;
    bool known = false;
    for (const CLI::App* sub : cli.get_subcommands([](CLI::App*) { return true; })) {
      known = known || sub->get_name() == word;
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known) {
      fmt::print(stderr, "bordersim: error: unknown command '{}' (commands: {}; see --help)\n",
                 word, names);
      return kExitUsage;
    }
  }
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? kExitOk : kExitUsage;  // CLI11's own codes (100-127) map to 2
  }
  install_signal_handlers();
  sim::StopScope stop_scope(&g_interrupted);
  try {
    if (run_cmd->parsed()) return run(ro);
    if (compare_cmd->parsed()) return compare(compare_files, ro);
    if (explore_cmd->parsed()) return explore(explore_files, eopt, ro);
    if (optimise_cmd->parsed()) return optimise(optimise_file, oopt, ro);
    if (sweep_cmd->parsed()) return sweep(sweep_file, sweep_sets, ro);
    if (verify_cmd->parsed()) return verify(vopt);
    if (forecast_cmd->parsed()) {
      fmt::print("{}", app::render_forecast(
                           app::forecast(app::ScenarioSource::file(start_file), fo, start_run)));
      return kExitOk;
    }
    if (eta_cmd->parsed()) {
      fmt::print("{}",
                 app::render_eta(app::eta(app::ScenarioSource::file(start_file), eo, start_run)));
      return kExitOk;
    }
    if (calibrate_cmd->parsed()) return calibrate(ro, calibrate_markdown);
    if (validate_cmd->parsed()) {
      fmt::print("{}", app::render_validate(app::validate(app::ScenarioSource::file(scenario_path)),
                                            hourly));
      if (suggest_warmup) {
        warmup_run.cancel = &g_interrupted;
        fmt::print("{}", app::render_warmup(app::suggest_warmup(
                             app::ScenarioSource::file(scenario_path), warmup_run)));
      }
      return kExitOk;
    }
    if (report_cmd->parsed()) {
      fmt::print("report: {}\n", app::report(report_in, report_out));
      return kExitOk;
    }
    if (summary_cmd->parsed()) {
      if (!std::filesystem::exists(summary_in))
        throw app::UsageError(summary_in + ": no such result file");
      fmt::print("{}", app::render_file_summary(summary_in));
      return kExitOk;
    }
    if (export_cmd->parsed()) {
      fmt::print("{}", app::render_export(app::export_csv(export_in, export_dir, export_force)));
      return kExitOk;
    }
    if (schema_cmd->parsed()) {
      fmt::print("{}", models::schema_markdown());
      return kExitOk;
    }
    if (output_format_cmd->parsed()) {
      fmt::print("{}", outputs::output_format_markdown());
      return kExitOk;
    }
  } catch (const models::SourceError& e) {
    if (!worker_rank()) fmt::print(stderr, "{}\n", e.what());
    return kExitUsage;
  } catch (const outputs::OutputRefused& e) {
    if (!worker_rank()) fmt::print(stderr, "bordersim: error: {}\n", e.what());
    return kExitUsage;
  } catch (const app::Interrupted& e) {
    if (!worker_rank()) fmt::print(stderr, "\nbordersim: {}\n", e.what());
    return kExitFailure;
  } catch (const sim::Cancelled&) {  // a command that says nothing more (app maps its own)
    if (!worker_rank()) fmt::print(stderr, "\nbordersim: interrupted; nothing written\n");
    return kExitFailure;
  } catch (const app::UsageError& e) {
    if (!worker_rank()) fmt::print(stderr, "bordersim: error: {}\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    if (worker_rank()) return kExitFailure;
    // A failure that a stop caused (a replication of another rank cancelled, a write cut short)
    // is the interruption, not an error of its own.
    if (g_interrupted.load())
      fmt::print(stderr, "\nbordersim: interrupted; nothing written ({})\n", e.what());
    else
      fmt::print(stderr, "bordersim: error: {}\n", e.what());
    return kExitFailure;
  }
  return kExitOk;
}

int main(int argc, char** argv) {
  // Under mpirun or srun: MPI initialised, the commands' replications spread over the ranks
  // (app/mpi_runner.hpp); otherwise nothing happens here.
  app::mpi::Session session(argc, argv);
  g_session = &session;
  const int rc = run_cli(argc, argv);
  // An interrupted worker rank leaves at once: it wrote nothing, and MPI_Finalize would wait for
  // rank 0, which removes its partial file and aborts the job. (Waiting to be killed cost 2 s:
  // mpirun's SIGTERM only sets the flag, and its SIGKILL follows a second later.)
  if (worker_rank() && rc != kExitOk && g_interrupted.load()) {
    std::fflush(nullptr);
    // But not before rank 0 has had its moment: a rank that leaves first makes mpirun end the job
    // at once, and rank 0 was then killed before it removed its partial file (1 stop in 3 to 5;
    // 0 in 10 with this wait, which costs 0.3 s of the stop).
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::_Exit(rc);
  }
  return session.finish(rc, g_answered);
}
