// `bordersim explore`: a design over the base scenario's uncertain inputs, every point run for
// the base and each variant on common random numbers (one seed for every point and scenario),
// then the sensitivity of each headline metric and the robustness of each policy effect
// (studies/explore.hpp), written as outputs/explore_file.hpp says.
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "app/command_parts.hpp"
#include "app/rounds.hpp"
#include "app/watch.hpp"
#include "models/loader.hpp"
#include "models/overrides.hpp"
#include "models/uncertain.hpp"
#include "outputs/explore_file.hpp"

namespace app {

namespace {

// The base and the variants as read, named as compare names them (name, name_2, ...), each
// variant checked against the base's inputs.
void read_scenarios(const std::vector<ScenarioSource>& srcs, const RunOptions& o,
                    ExploreOutcome& r) {
  for (const ScenarioSource& s : srcs) {
    r.scenarios.push_back(load(s, o.overrides));
    apply_options(r.scenarios.back(), o);
    std::string name = r.scenarios.back().name;
    for (int k = 2; std::find(r.names.begin(), r.names.end(), name) != r.names.end(); ++k)
      name = r.scenarios.back().name + "_" + std::to_string(k);
    r.names.push_back(name);
  }
  const models::Scenario& base = r.scenarios.front();
  if (base.uncertain.empty())
    throw UsageError(base.file +
                     ": declares no uncertain inputs (`uncertain:`), so there is "
                     "nothing to explore; see docs/scenario-format.md");
  // Every input applies to the base and to each variant (inherited ones were checked against
  // the file that declared them only): a located error if not.
  for (const models::Scenario& sc : r.scenarios) {
    models::Scenario with = sc;
    with.uncertain = base.uncertain;
    models::check_uncertain(*sc.resolved, with);
  }
  for (std::size_t v = 1; v < r.scenarios.size(); ++v) {
    const models::Scenario& sc = r.scenarios[v];
    for (const models::UncertainInput& in : base.uncertain)
      for (const std::string& key : in.keys) {
        auto at = [&](const models::Scenario& x) {
          const models::YamlNode* n = models::find_in_tree(*x.resolved, key);
          return n ? models::flow_text(*n) : std::string("(default)");
        };
        const std::string mine = at(sc), theirs = at(base);
        if (mine != theirs)
          throw UsageError(fmt::format(
              "{}: sets {} to {} where the base has {}; the base declares it uncertain ('{}'), "
              "so the design would overwrite the policy: leave it out of the uncertain inputs, "
              "or make the variant differ elsewhere",
              sc.file, key, mine, theirs, in.name));
      }
    // A variant's own uncertain inputs are held at its values: explore varies the base's.
    if (sc.horizon_s != base.horizon_s || sc.warmup_s != base.warmup_s ||
        sc.epoch_s() != base.epoch_s())
      r.warnings.push_back(fmt::format(
          "warning: {} and {} differ in their start, horizon or warm-up: the replications pair "
          "different periods",
          r.names.front(), r.names[v]));
  }
}

// Every point's scenario for the base and each variant (point-major): the base's seed and
// replications, no per-vehicle tables (a point's summary is all explore keeps).
std::vector<models::Scenario> point_scenarios(const ExploreOutcome& r) {
  std::vector<models::Scenario> out;
  const models::Scenario& base = r.scenarios.front();
  for (std::size_t p = 0; p < r.design.points(); ++p)
    for (const models::Scenario& sc : r.scenarios) {
      sim::poll_stop();
      models::YamlNode t = studies::point_tree(*sc.resolved, r.design, p);
      models::Scenario x = models::load_scenario_tree(t, sc.file, sc.yaml);
      x.name = sc.name;
      x.seed = base.seed;
      x.replications = base.replications;
      x.horizon_s = sc.horizon_s;
      x.warmup_s = sc.warmup_s;
      x.outputs.vehicles = models::TableScope::None;
      x.outputs.visits = models::TableScope::None;
      out.push_back(std::move(x));
    }
  return out;
}

ExploreOutcome explore_watched(const std::vector<ScenarioSource>& srcs, const ExploreOptions& e,
                               const RunOptions& o) {
  if (srcs.empty()) throw UsageError("explore needs a scenario");
  ExploreOutcome r;
  read_scenarios(srcs, o, r);
  const models::Scenario& base = r.scenarios.front();
  studies::DesignKind kind;
  try {
    kind = studies::parse_design(e.design);
  } catch (const std::invalid_argument&) {
    throw UsageError("--design: expected lhs, grid, morris or sobol, got '" + e.design + "'");
  }
  std::vector<NamedMetric> named;
  for (const std::string& m : e.metrics) named.push_back(parse_named_metric(m));
  try {
    r.design = studies::make_design(base.uncertain, kind,
                                    e.points ? e.points : studies::default_points(kind), base.seed);
  } catch (const std::invalid_argument& x) {
    throw UsageError(std::string("explore: ") + x.what());
  }
  // A regression of the points on the inputs needs more points than coefficients.
  const std::size_t dims = r.design.inputs.size();
  if ((kind == studies::DesignKind::Lhs || kind == studies::DesignKind::Grid) &&
      r.design.points() < dims + 2)
    r.warnings.push_back(fmt::format(
        "warning: {} points cannot fit a regression on {} inputs: the sensitivity indices are "
        "left empty; give at least {} points (about {} for indices worth reading)",
        r.design.points(), dims, dims + 2, 10 * dims));
  check_grid(r.design.points() * r.scenarios.size(),
             fmt::format("{} points x {} scenarios", r.design.points(), r.scenarios.size()),
             o.allow_large);
  const std::vector<models::Scenario> all = point_scenarios(r);
  const std::size_t per = r.scenarios.size();
  std::vector<std::vector<std::size_t>> units(r.design.points());
  for (std::size_t k = 0; k < all.size(); ++k) units[k / per].push_back(k);
  r.out = o.out.empty() ? "results/explore_" + base.name + ".h5" : o.out;
  // The metrics analysed: the headline ones and those named; a point keeps them and those
  // --precision watches.
  auto any_of = [](const std::vector<NamedMetric>& ms, const outputs::MetricKey& k) {
    return std::any_of(ms.begin(), ms.end(),
                       [&](const NamedMetric& m) { return named_metric_matches(m, k); });
  };
  auto analysed = [&](const outputs::MetricKey& k) {
    return studies::headline_metric(k) || any_of(named, k);
  };
  auto wanted = [&](const outputs::MetricKey& k) {
    return analysed(k) || any_of(o.precision.metrics, k);
  };
  // One progress line for the whole design, counted in replications.
  RunOptions quiet = o;
  quiet.progress = nullptr;
  ProgressFn progress;
  if (o.progress) {
    models::Scenario whole = base;
    whole.name = "explore " + base.name;
    progress = o.progress(whole);
  }
  std::size_t done = 0;
  const std::size_t total = all.size() * static_cast<std::size_t>(base.replications);
  const auto t0 = std::chrono::steady_clock::now();
  const Consume evaluate = evaluate_batch(quiet);
  const Consume consume = [&](std::size_t s, const models::Scenario& b, Distribution* d,
                              std::size_t k) {
    auto m = evaluate(s, b, d, k);
    for (outputs::ReplicationMetrics& rep : m)
      std::erase_if(rep, [&](const auto& kv) { return !wanted(kv.first); });
    done += m.size();
    if (progress)
      progress(std::min(done, total), total, static_cast<double>(done) * b.horizon_s / 86400.0,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    return m;
  };
  std::vector<const models::Scenario*> ptrs;
  for (const models::Scenario& sc : r.scenarios) ptrs.push_back(&sc);
  if (distributed_worker()) {
    run_rounds(all, units, quiet, {});
    return r;
  }
  with_result_file(r.out, o, ptrs, "explore", [&](hid_t file) {
    outputs::write_root_attributes(file, base, provenance());
    outputs::h5::attr_string(file, "command", "explore");
    const Rounds rounds = run_rounds(all, units, quiet, consume);
    const auto precision = precision_warnings(rounds, o.precision, [&](std::size_t s) {
      return fmt::format("point {} ({}), {}: ", s / per, r.design.label(s / per), r.names[s % per]);
    });
    r.warnings.insert(r.warnings.end(), precision.begin(), precision.end());
    r.summaries.resize(r.design.points());
    r.diffs.resize(r.design.points());
    int least = std::numeric_limits<int>::max(), most = 0;
    for (std::size_t p = 0; p < r.design.points(); ++p) {
      sim::poll_stop();
      for (std::size_t v = 0; v < per; ++v)
        r.summaries[p].push_back(outputs::summarize(rounds.metrics[p * per + v]));
      for (std::size_t v = 1; v < per; ++v)
        r.diffs[p].push_back(
            outputs::compare(rounds.metrics[p * per], rounds.metrics[p * per + v]));
      least = std::min(least, rounds.replications[p * per]);
      most = std::max(most, rounds.replications[p * per]);
    }
    r.replications_least = least;
    r.replications_most = most;
    r.analysis = studies::analyse(r.design, r.names, r.summaries, r.diffs, analysed, base.seed);
    outputs::ExploreResults w;
    w.base = &base;
    w.design = &r.design;
    w.names = r.names;
    w.summaries = &r.summaries;
    w.diffs = &r.diffs;
    w.analysis = &r.analysis;
    outputs::write_explore(file, w);
    outputs::h5::attr_int(file, "replications_least", least);
    outputs::h5::attr_int(file, "replications_most", most);
    std::string joined;
    for (const std::string& x : r.warnings) joined += (joined.empty() ? "" : "\n") + x;
    if (!joined.empty()) outputs::h5::attr_string(file, "warnings", joined);
    write_precision(file, o, rounds, precision);
  });
  return r;
}

}  // namespace

ExploreOutcome explore(const std::vector<ScenarioSource>& srcs, const ExploreOptions& e,
                       const RunOptions& options) {
  const RunOptions o = watching(options);
  sim::StopScope scope(o.cancel);
  return stoppable("no result written", [&] { return explore_watched(srcs, e, o); });
}

}  // namespace app
