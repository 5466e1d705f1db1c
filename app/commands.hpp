// The commands of bordersim as a library: what `run`, `compare`, `sweep`, `validate`, `verify`,
// `report` and `export` do, called by the command line (app/main.cpp) and by the Python module
// (python/), with structured results. Nothing here prints: the render_* functions return the
// terminal text, and the caller decides where it goes. Progress goes through a callback.
//
// Errors: models::SourceError (a scenario or override, located), outputs::OutputRefused and
// UsageError are the caller's mistakes (exit code 2); Interrupted is a run stopped by its cancel
// flag (nothing written); anything else is a runtime failure (exit code 1).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "measures/calibration.hpp"
#include "measures/summary.hpp"
#include "models/analysis.hpp"
#include "models/scenario.hpp"
#include "outputs/writer.hpp"
#include "sim/validation.hpp"
#include "studies/explore.hpp"
#include "studies/forecast.hpp"
#include "studies/optimise.hpp"
#include "studies/sweep.hpp"
#include "studies/warmup.hpp"

namespace app {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A run stopped by its cancel flag: no result was written, an earlier result is untouched.
// what() is the sentence the command line prints after "bordersim: ".
struct Interrupted : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `key.path=value` applied to the scenario's merged tree before it is read, as `sweep --set` does
// (models/overrides.hpp): the path picks list items by index (`stages[2]`) or id, the value is a
// YAML fragment (scalar, flow list or flow mapping) that replaces the node there, it goes through
// the loader's checks, and an error names `origin` (e.g. "--set key.path") and the column.
struct Override {
  std::string path;
  std::string value;
  std::string origin;
};

// A scenario as a file, or as YAML text (`name` then stands for the file in errors, and a
// relative `extends` or arrival table is resolved from the current directory), with overrides
// of its own (applied after the RunOptions' ones: a variant of a base in `compare`).
struct ScenarioSource {
  std::string path;
  std::string text;
  bool is_text = false;
  std::vector<Override> overrides;
  static ScenarioSource file(std::string path) { return {std::move(path), {}, false, {}}; }
  static ScenarioSource yaml(std::string text, std::string name = "<text>") {
    return {std::move(name), std::move(text), true, {}};
  }
};

// Reads (and so validates) a scenario with its overrides applied.
models::Scenario load(const ScenarioSource& src, const std::vector<Override>& overrides = {});

// Progress of one scenario's replications: done, total, simulated days (all threads), seconds.
using ProgressFn = std::function<void(std::size_t, std::size_t, double, double)>;

// A summary metric named on the command line (`--precision-metric`, explore's `--metric`):
// `name` over the headline groups (all vehicles, each cargo class by direction), or
// `name[label]` over one group as the summary labels it (`border_time_p95[cargo:durian/export]`).
struct NamedMetric {
  outputs::Metric metric;
  std::string label;  // empty: the headline groups
  std::string text;   // as written
};
NamedMetric parse_named_metric(const std::string& text);  // throws UsageError
bool named_metric_matches(const NamedMetric& m, const outputs::MetricKey& k);

// `--precision 5%`: replications are added in batches until the 95 % CI half-width of every
// named metric is within `relative` of its mean (or is zero), or `max_replications` is reached.
struct Precision {
  double relative = 0;               // 0: off (the replication count as given)
  std::vector<NamedMetric> metrics;  // empty: border_time_mean and border_time_p95, headline
  int max_replications = 200;
};
// "5%" or "0.05" (a fraction), above 0 and below 100 %; throws UsageError.
double parse_precision(const std::string& text);

struct RunOptions {
  std::string out;         // result file; empty: results/<name>.h5 (compare_, sweep_ prefixed)
  std::string out_suffix;  // of run's default name: results/<name><suffix>.h5 (calibrate)
  int replications = 0;
  unsigned threads = 0;
  std::string seed;  // parsed strictly: 0 ... 2^64 - 1
  std::string warmup, horizon;
  bool force = false;
  // Run past the work limits (app/work_limits.hpp): a grid of more than 10000 points, or more
  // memory than the budget.
  bool allow_large = false;
  std::string report;  // checked before any work; written by write_report after the run
  std::vector<Override> overrides;
  const std::atomic<bool>* cancel = nullptr;
  // Makes the progress callback of one scenario (none: no progress).
  std::function<ProgressFn(const models::Scenario&)> progress;
  Precision precision;
};

// Applies the options' replications, seed, horizon and warm-up to a scenario.
void apply_options(models::Scenario& sc, const RunOptions& o);

struct RunOutcome {
  models::Scenario scenario;
  std::vector<outputs::ReplicationMetrics> metrics;  // per replication, in replication order
  std::vector<outputs::SummaryRow> summary;
  std::string out;  // the result file written
  // Named metrics short of --precision at the maximum replications (said, and kept in the file).
  std::vector<std::string> warnings;
};
// An empty source path runs the shipped default scenario.
RunOutcome run(const ScenarioSource& src, const RunOptions& o);
// The same replications evaluated in memory (app/replicate.hpp): the metrics and summary `run`
// would give, bit for bit, with no file written (`out`, `force` and `report` are ignored, and
// `out` stays empty). What an experiment design or an optimiser calls for each point.
RunOutcome evaluate(const ScenarioSource& src, const RunOptions& o);

struct CompareOutcome {
  std::vector<models::Scenario> scenarios;  // base first
  std::vector<std::string> names;           // as in the file: made unique with _2, _3...
  std::vector<std::vector<outputs::ReplicationMetrics>> metrics;
  std::vector<std::vector<outputs::DiffRow>> diffs;  // per variant (names[i + 1]) against the base
  std::vector<std::vector<outputs::Decomposition>> decompositions;  // per variant, by segment
  // Scenarios that differ in start, horizon, warm-up, seed or replications (said before the
  // comparison, and kept in the file's `warnings` attribute).
  std::vector<std::string> warnings;
  std::string out;
};
CompareOutcome compare(const std::vector<ScenarioSource>& srcs, const RunOptions& o);
// What makes a base and its variants less than comparable: a different start, horizon, warm-up,
// or a seed or replication count compare overrides.
std::vector<std::string> comparability_warnings(const std::vector<models::Scenario>& scs);

struct SweepOutcome {
  std::vector<outputs::SweepAxis> axes;
  std::vector<std::vector<std::size_t>> grid;  // per point, the value index on each axis
  std::vector<std::string> labels;             // per point
  std::vector<models::Scenario> scenarios;     // per point
  std::vector<outputs::PointRow> rows;
  std::string out;
  std::vector<std::string> warnings;  // as RunOutcome's
};
// `sets` as the command line's --set: "key.path=v1,v2,...", values split at top-level commas
// (studies/sweep.hpp: `path=[1,2],[3,4]` is two lists).
SweepOutcome sweep(const ScenarioSource& src, const std::vector<std::string>& sets,
                   const RunOptions& o);
SweepOutcome sweep(const ScenarioSource& src, std::vector<outputs::SweepAxis> axes,
                   const RunOptions& o);

// `bordersim explore BASE.yaml [VARIANT.yaml ...]` (app/explore.cpp): a design over the base's
// uncertain inputs; every point run for the base and each variant on the base's seed and
// replications (common random numbers across points and scenarios); the sensitivity of each
// headline metric and the robustness of each variant's effect. Result file:
// results/explore_<name>.h5.
struct ExploreOptions {
  std::string design = "lhs";        // lhs, grid, morris or sobol
  std::size_t points = 0;            // 0: the design's default (studies::default_points)
  std::vector<std::string> metrics;  // analysed beside the headline ones (NamedMetric text)
};
struct ExploreOutcome {
  std::vector<models::Scenario> scenarios;  // the base and the variants as read
  std::vector<std::string> names;           // made unique as compare makes them
  studies::Design design;
  // Per point, per scenario (base first), the kept metrics' summary; per point, per variant,
  // the paired differences.
  std::vector<std::vector<std::vector<outputs::SummaryRow>>> summaries;
  std::vector<std::vector<std::vector<outputs::DiffRow>>> diffs;
  studies::Analysis analysis;
  int replications_least = 0, replications_most = 0;  // per point (they differ with --precision)
  std::vector<std::string> warnings;
  std::string out;
};
ExploreOutcome explore(const std::vector<ScenarioSource>& srcs, const ExploreOptions& e,
                       const RunOptions& o);

// `bordersim optimise` (app/optimise.cpp): the cheapest staffing that meets the targets, by
// greedy marginal allocation on common random numbers from an Erlang C seed, then a feasibility
// check with a stated confidence over the best plans found (studies/optimise.hpp). Levers and
// targets come from the scenario's `optimise:` or the command line (which replaces them).
// Result file: results/optimise_<name>.h5; `write_plan` a scenario fragment to `extends`.
struct OptimiseOptions {
  std::vector<std::string> targets;  // "border_time_p95{cargo=fresh_fruit} <= 2h"
  std::vector<std::string> levers;   // "stage:kim_thanh.customs=1..8", "close:kim_thanh=19..22"
  std::vector<std::string> blocks;   // "07-11": the command line's levers' blocks
  std::string objective;             // "cost", "officer_hours", or "" (the scenario's)
  std::string write_plan;            // a YAML fragment of the plan chosen
  int finalists = 0, max_evaluations = 0;  // 0: the scenario's
};
// A target parsed against the metric catalogue and the scenario's names.
struct OptimiseTarget {
  std::string text;
  outputs::Metric metric = outputs::Metric::TransitMean;
  std::string label;  // the group's label in the summary
  double at = 0;      // border_within_share's hours
  // waited_share or stage_wait_mean over the visits arriving in local hours [from_h, to_h).
  bool by_hours = false;
  int from_h = 0, to_h = 24;
  studies::Sense sense = studies::Sense::AtMost;
  double threshold = 0;
  std::string unit;  // the metric's
};
// One decision of the search: a lever (OptimiseSpec::levers) in one of its blocks.
struct OptimiseDecision {
  std::size_t lever = 0, block = 0;
  std::string name;  // "kim_thanh.customs 07-11", "kim_thanh.plant_quarantine lane", ...
  int low = 0, high = 0, seed = 0, baseline = 0;
  double unit_cost = 0;  // objective per unit per day
};
struct OptimiseOutcome {
  models::Scenario scenario;
  std::vector<OptimiseTarget> targets;
  std::vector<OptimiseDecision> decisions;
  std::string objective, unit;  // "cost" "USD/day", or "officer_hours" "officer-h/day"
  studies::OptimiseResult result;
  studies::Candidate baseline;  // the scenario's own staffing, on the search's replications
  std::vector<std::string> warnings;
  std::string out, plan_file;
};
OptimiseOutcome optimise(const ScenarioSource& src, const OptimiseOptions& p, const RunOptions& o);
std::string render_optimise(const OptimiseOutcome& r);  // app/render_optimise.cpp
// The plan as a scenario fragment that extends the scenario (`extends` relative to `at`).
std::string plan_yaml(const OptimiseOutcome& r, const std::vector<int>& plan,
                      const std::string& at);

// `bordersim validate --suggest-warmup` (app/warmup.cpp): a pilot run from an empty border (no
// warm-up, at least 100 days, the options' replications or 10) and MSER-5 on two daily series
// averaged over its replications.
struct WarmupAdvice {
  double stated_s = 0, horizon_s = 0;  // the scenario's
  double pilot_days = 0;
  int pilot_replications = 0;
  std::vector<std::pair<std::string, studies::WarmupSuggestion>> series;
  bool steady = true;
  double suggested_s = 0;  // the longest truncation over the series (when steady)
};
WarmupAdvice suggest_warmup(const ScenarioSource& src, const RunOptions& o);
std::string render_warmup(const WarmupAdvice& a);

struct ValidateOutcome {
  std::string path;  // as given: the terminal text starts with it
  models::Scenario scenario;
  models::Analysis analysis;
  // Inherited uncertain inputs that do not apply to this scenario (models::uncertain_problems).
  std::vector<std::string> uncertain_problems;
};
ValidateOutcome validate(const ScenarioSource& src, const std::vector<Override>& overrides = {});

// `bordersim calibrate`: runs the scenario as `run` does (default result file
// results/<name>_calibration.h5) and checks its `targets:` (measures/calibration.hpp).
struct CalibrateOutcome {
  RunOutcome run;
  std::vector<outputs::TargetResult> targets;
  bool all_pass = true;  // no target missed
};
CalibrateOutcome calibrate(const ScenarioSource& src, const RunOptions& o);
// The engine's queueing-theory cases, then the same theory through the scenario format; `each`
// is called as each case finishes (the command line prints it at once).
struct VerifyOutcome {
  std::vector<sim::CaseResult> cases;
  bool all_pass = true;
};
VerifyOutcome verify(const sim::ValidationOptions& opt,
                     const std::function<void(const sim::CaseResult&)>& each = {});

// `bordersim forecast`: the scenario from `from` ("YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM" in
// its zone; empty: its own start) over `days` with no warm-up, starting from its initial_state:
// the backlog every `every` ahead with its interval, and when it falls to `level`
// (app/forecast.cpp).
struct ForecastOptions {
  std::string from;
  std::string days = "14d";
  double level = 0;
  std::string every = "1d";  // the step of the backlog samples
};
struct ForecastOutcome {
  models::Scenario scenario;
  studies::Forecast forecast;
};
ForecastOutcome forecast(const ScenarioSource& src, const ForecastOptions& f, const RunOptions& o);

// `bordersim eta`: `trucks` watched trucks of `flow` leave at `depart` (as `from` above) on
// `route` (empty: as the flow chooses) in every replication; the horizon is extended to
// `within` after the departure if shorter. Replications: the options', else 100.
struct EtaOptions {
  std::string flow, depart, route;
  int trucks = 1;
  std::string within = "7d";
};
struct EtaOutcome {
  models::Scenario scenario;
  studies::Eta eta;
};
EtaOutcome eta(const ScenarioSource& src, const EtaOptions& e, const RunOptions& o);

// Renders the HTML report of a result file and writes it atomically.
void write_report(const std::string& h5, const std::string& html);
// `bordersim report`: checks the result exists; an empty html is the result's name with .html.
// Returns the report's path.
std::string report(const std::string& h5, std::string html);

// `bordersim export RESULT.h5 --csv DIR` (outputs/csv_export.hpp).
struct ExportOutcome {
  std::string dir;
  std::vector<std::string> files;
};
ExportOutcome export_csv(const std::string& h5, const std::string& dir, bool force);

// ---- terminal text ---------------------------------------------------------------------------
// The headline table (every metric with `verbose`), backlog warnings, the results line.
std::string render_run(const RunOutcome& r, bool verbose = false);
// Warnings, the comparison (headline rows; every row with `verbose`), why by segment, backlog
// warnings, the results line.
std::string render_compare(const CompareOutcome& r, bool verbose = false);
// `bordersim summary FILE`: every metric of every scenario (or sweep point) in a result file.
std::string render_file_summary(const std::string& h5);
std::string render_sweep(const SweepOutcome& r);
// `hourly`: every stop's hours of the day in a table, not only those offered more than 1.
std::string render_validate(const ValidateOutcome& r, bool hourly = false);
std::string render_verify_header();
std::string render_verify_case(const sim::CaseResult& c);
std::string render_verify_footer(const VerifyOutcome& r);
std::string render_export(const ExportOutcome& r);
std::string render_calibrate(const CalibrateOutcome& r);
std::string render_forecast(const ForecastOutcome& r);
std::string render_eta(const EtaOutcome& r);
std::string render_explore(const ExploreOutcome& r);  // app/render_explore.cpp

}  // namespace app
