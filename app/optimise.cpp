// `bordersim optimise`: the levers and targets of the scenario's `optimise:` (or the command
// line's), the decisions and their costs, the Erlang C seed, then studies::optimise with every
// plan evaluated in memory (app/rounds.hpp: threads, and MPI ranks told each step's plans by
// agree()), the result written under /optimisation and the plan as a fragment to `extends`.
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "app/command_parts.hpp"
#include "app/optimise_parts.hpp"
#include "app/rounds.hpp"
#include "app/watch.hpp"
#include "models/loader.hpp"
#include "models/plan.hpp"
#include "outputs/optimise_file.hpp"

namespace app {

namespace {

using Kind = models::LeverSpec::Kind;

// "stage:kim_thanh.customs=1..8" (kinds stage, agency, lane, close; close's bounds in hours).
models::LeverSpec cli_lever(const models::Scenario& sc, const std::string& text,
                            const std::vector<models::HourBlock>& blocks) {
  const std::size_t colon = text.find(':'), eq = text.find('='), dots = text.find("..");
  if (colon == std::string::npos || eq == std::string::npos || dots == std::string::npos ||
      !(colon < eq && eq < dots))
    throw UsageError("--lever '" + text +
                     "': expected KIND:REF=LOW..HIGH, e.g. stage:kim_thanh.customs=1..8, "
                     "agency:kim_thanh.customs=2..12, lane:kim_thanh.quarantine=0..2, "
                     "close:kim_thanh=19..22");
  const std::string kind = text.substr(0, colon), ref = text.substr(colon + 1, eq - colon - 1);
  const std::vector<std::string> kinds = {"stage", "agency", "lane", "close"};
  const auto k = std::find(kinds.begin(), kinds.end(), kind);
  if (k == kinds.end())
    throw UsageError("--lever '" + text + "': the kind is stage, agency, lane or close");
  models::LeverSpec l;
  try {
    l = models::make_lever(sc, static_cast<Kind>(k - kinds.begin()), ref);
    l.low = std::stoi(text.substr(eq + 1, dots - eq - 1));
    l.high = std::stoi(text.substr(dots + 2));
  } catch (const std::invalid_argument& e) {
    throw UsageError("--lever '" + text + "': " + e.what());
  } catch (const std::out_of_range&) {
    throw UsageError("--lever '" + text + "': a bound out of range");
  }
  if (l.low < 0 || l.high < l.low || l.high > 10000)
    throw UsageError("--lever '" + text + "': the bounds must satisfy 0 <= LOW <= HIGH");
  if (l.kind == Kind::Close && (l.low < 1 || l.high > 24))
    throw UsageError("--lever '" + text + "': a closing hour lies between 1 and 24");
  if (l.kind == Kind::Stage || l.kind == Kind::Agency) {
    l.blocks = blocks;
    if (l.blocks.empty()) {
      const models::Hours& h = sc.sides[l.side].hours;
      l.blocks.push_back(models::HourBlock{h.open_s, h.close_s, "open hours"});
    }
  }
  l.path = "--lever";
  return l;
}

std::vector<models::HourBlock> cli_blocks(const std::vector<std::string>& texts) {
  std::vector<models::HourBlock> out;
  for (const std::string& t : texts) {
    const std::size_t dash = t.find('-');
    int a = -1, b = -1;
    try {
      if (dash != std::string::npos) {
        a = std::stoi(t.substr(0, dash));
        b = std::stoi(t.substr(dash + 1));
      }
    } catch (const std::exception&) {
    }
    if (a < 0 || b > 24 || a >= b)
      throw UsageError("--blocks: expected whole local hours HH-HH within the day, got '" + t +
                       "'");
    for (const models::HourBlock& o : out)
      if (a * 3600.0 < o.to_s && o.from_s < b * 3600.0)
        throw UsageError("--blocks: '" + t + "' overlaps '" + o.text + "'");
    out.push_back(models::HourBlock{a * 3600.0, b * 3600.0, t});
  }
  return out;
}

// The levers and targets in force: the scenario's, with the command line's replacing them.
models::OptimiseSpec spec_of(const models::Scenario& sc, const OptimiseOptions& p) {
  models::OptimiseSpec s = sc.optimise ? *sc.optimise : models::OptimiseSpec{};
  if (!p.blocks.empty() && p.levers.empty())
    throw UsageError(
        "--blocks: give the levers they are for with --lever (the scenario's levers "
        "keep their own blocks)");
  if (!p.levers.empty()) {
    const std::vector<models::HourBlock> blocks = cli_blocks(p.blocks);
    s.levers.clear();
    for (const std::string& l : p.levers) s.levers.push_back(cli_lever(sc, l, blocks));
  }
  if (!p.targets.empty()) {
    s.targets.clear();
    for (const std::string& t : p.targets) s.targets.push_back({t, "", {}, "--target"});
  }
  if (s.levers.empty() || s.targets.empty())
    throw UsageError(sc.file +
                     ": nothing to optimise: give an `optimise:` section with levers and "
                     "targets (docs/scenario-format.md), or --lever and --target");
  if (!p.objective.empty()) s.objective = p.objective;
  if (p.finalists > 0) s.finalists = p.finalists;
  if (p.max_evaluations > 0) s.max_evaluations = p.max_evaluations;
  return s;
}

// A plan message every process agrees on: {1, first, n, plans, values...}; {0}: the search is over.
std::vector<std::uint64_t> message(const std::vector<std::vector<int>>& plans, int first, int n) {
  std::vector<std::uint64_t> m = {1, static_cast<std::uint64_t>(first),
                                  static_cast<std::uint64_t>(n), plans.size()};
  for (const auto& p : plans)
    for (int v : p) m.push_back(static_cast<std::uint64_t>(v));
  return m;
}

}  // namespace

std::vector<OptimiseTarget> parse_targets(const models::Scenario& sc,
                                          const models::OptimiseSpec& s) {
  const std::vector<std::string> stops = models::build_plan(sc).sites().visited_names();
  std::vector<OptimiseTarget> out;
  for (const models::TargetSpec& t : s.targets) {
    try {
      out.push_back(parse_target(t.text, sc, stops));
    } catch (const std::invalid_argument& e) {
      if (t.file.empty()) throw UsageError("--target '" + t.text + "': " + e.what());
      throw models::SourceError(t.file, t.mark, t.path, e.what());
    }
  }
  return out;
}

OptimiseOutcome optimise_watched(const ScenarioSource& src, const OptimiseOptions& p,
                                 const RunOptions& o) {
  OptimiseOutcome r;
  r.scenario = load(src, o.overrides);
  apply_options(r.scenario, o);
  models::Scenario& sc = r.scenario;
  r.scenario.optimise = spec_of(sc, p);
  if (o.replications == 1)
    throw UsageError("--replications: optimise needs at least 2 a plan (its CIs need a spread)");
  if (o.replications > 0) r.scenario.optimise->replications = o.replications;
  const models::OptimiseSpec& spec = *sc.optimise;
  r.targets = parse_targets(sc, spec);
  // The objective: cost when every lever is priced, unless said otherwise.
  const bool priced = levers_priced(sc, spec.levers);
  r.objective = spec.objective.empty() ? (priced ? "cost" : "officer_hours") : spec.objective;
  if (r.objective == "cost" && !priced)
    throw UsageError(sc.file +
                     ": objective cost, but a lever's stage or agency has no `cost` "
                     "(agencies.<id>.cost); price it, or minimise officer_hours");
  r.unit = r.objective == "cost" ? sc.currency + "/day" : "officer-h/day";
  r.decisions = decisions(sc, spec.levers, r.objective);
  std::vector<studies::Lever> levers;
  for (const OptimiseDecision& d : r.decisions)
    levers.push_back(studies::Lever{d.name, d.low, d.high, d.unit_cost});
  std::vector<studies::Target> targets;
  for (const OptimiseTarget& t : r.targets) {
    const double tol = t.threshold == 0 ? 0.01 : spec.tolerance * std::abs(t.threshold);
    targets.push_back(studies::Target{t.text, t.sense, t.threshold, tol});
  }
  const std::vector<int> seed = erlang_seed(sc, spec.levers, r.decisions, r.targets);
  for (std::size_t k = 0; k < seed.size(); ++k) r.decisions[k].seed = seed[k];
  // Plans run in memory, no per-vehicle tables; only the targets' metrics are kept.
  RunOptions quiet = o;
  quiet.progress = nullptr;
  quiet.precision = {};
  const Consume evaluate_one = evaluate_batch(quiet);
  models::Scenario lean = sc;
  lean.outputs.vehicles = models::TableScope::None;
  lean.outputs.visits = models::TableScope::None;
  lean.outputs.timeseries_step_s = 0;
  ProgressFn progress;
  if (o.progress) {
    models::Scenario whole = sc;
    whole.name = "optimise " + sc.name;
    progress = o.progress(whole);
  }
  std::size_t done = 0;
  const auto t0 = std::chrono::steady_clock::now();
  // Runs a message's plans; on the writing process returns their observations.
  auto run_message = [&](const std::vector<std::uint64_t>& m) {
    const auto first = static_cast<int>(m[1]), n = static_cast<int>(m[2]);
    const std::size_t count = m[3], dims = r.decisions.size();
    std::vector<models::Scenario> scs;
    for (std::size_t i = 0; i < count; ++i) {
      std::vector<int> plan(dims);
      for (std::size_t k = 0; k < dims; ++k) plan[k] = static_cast<int>(m[4 + i * dims + k]);
      scs.push_back(apply_plan(lean, spec.levers, r.decisions, plan));
      scs.back().first_replication = static_cast<std::uint32_t>(first);
      scs.back().replications = n;
    }
    std::vector<studies::Observations> obs(count);
    if (distributed_worker()) {
      run_rounds(scs, {}, quiet, {});
      return obs;
    }
    const Consume consume = [&](std::size_t s, const models::Scenario& b, Distribution* d,
                                std::size_t k) {
      auto reps = evaluate_one(s, b, d, k);
      studies::Observations& x = obs[s];
      x.assign(r.targets.size(), {});
      for (std::size_t t = 0; t < r.targets.size(); ++t)
        for (const outputs::ReplicationMetrics& rep : reps)
          x[t].push_back(target_value(r.targets[t], rep));
      done += reps.size();
      if (progress)
        progress(done, done, static_cast<double>(done) * b.horizon_s / 86400.0,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      return std::vector<outputs::ReplicationMetrics>{};
    };
    run_rounds(scs, {}, quiet, consume);
    return obs;
  };
  if (distributed_worker()) {
    // Run what rank 0 hands out until it says the search is over.
    for (;;) {
      std::vector<std::uint64_t> m;
      agree(m);
      if (m.empty() || m[0] == 0) break;
      run_message(m);
    }
    return r;
  }
  const studies::Evaluate evaluate = [&](const std::vector<std::vector<int>>& plans, int first,
                                         int n) {
    std::vector<std::uint64_t> m = message(plans, first, n);
    agree(m);
    return run_message(m);
  };
  studies::OptimiseOptions so;
  so.replications = spec.replications;
  so.alpha = spec.alpha;
  so.finalists = spec.finalists;
  so.max_evaluations = spec.max_evaluations;
  // A fixed batch: the selection's observations, and so its CIs, never depend on --threads.
  so.batch = 4;
  // The selection's replications apart from the search's: the upper half of the 16-bit
  // replication counter (sim/random.hpp), so its seeds are new.
  so.selection_first = 32768;
  r.out = o.out.empty() ? "results/optimise_" + sc.name + ".h5" : o.out;
  if (!p.write_plan.empty()) {
    outputs::check_output_path(p.write_plan, o.force, "--write-plan");
    std::error_code ec;
    if (std::filesystem::equivalent(p.write_plan, sc.file, ec))
      throw UsageError("--write-plan: " + p.write_plan +
                       " is the scenario itself; the plan extends it, so write it elsewhere");
  }
  const std::vector<const models::Scenario*> ptrs = {&sc};
  with_result_file(r.out, o, ptrs, "optimise", [&](hid_t file) {
    try {
      // The scenario's own staffing first, on the search's replications.
      std::vector<int> own;
      for (const OptimiseDecision& d : r.decisions) own.push_back(d.baseline);
      r.baseline.plan = own;
      for (std::size_t k = 0; k < own.size(); ++k)
        r.baseline.cost += own[k] * r.decisions[k].unit_cost;
      r.baseline.phase = "baseline";
      const studies::Observations own_obs = evaluate({own}, 0, spec.replications).front();
      // A target no replication measures (its group never occurs) cannot guide the search.
      for (std::size_t t = 0; t < targets.size(); ++t)
        if (std::all_of(own_obs[t].begin(), own_obs[t].end(),
                        [](double v) { return std::isnan(v); })) {
          const models::TargetSpec& ts = spec.targets[t];
          const std::string msg =
              "no replication measures this target at the scenario's own staffing (its group "
              "never occurs: no such vehicle, or no visit in those hours)";
          if (ts.file.empty()) throw UsageError("--target '" + ts.text + "': " + msg);
          throw models::SourceError(ts.file, ts.mark, ts.path, msg);
        }
      studies::judge(targets, own_obs, so.confidence, r.baseline);
      r.result = studies::optimise(levers, targets, seed, evaluate, so);
      // The scenario's own staffing was one more plan run on the search's replications.
      r.result.evaluations += 1;
      r.result.replications += spec.replications;
    } catch (...) {
      std::vector<std::uint64_t> over = {0};
      agree(over);
      throw;
    }
    std::vector<std::uint64_t> over = {0};
    agree(over);
    outputs::write_root_attributes(file, sc, provenance());
    outputs::h5::attr_string(file, "command", "optimise");
    outputs::OptimiseFile f;
    f.objective = r.objective;
    f.unit = r.unit;
    const char* kinds[] = {"stage", "agency", "lane", "close"};
    for (const OptimiseDecision& d : r.decisions) {
      const models::LeverSpec& l = spec.levers[d.lever];
      f.decisions.push_back({d.name, l.ref, l.blocks.empty() ? "" : l.blocks[d.block].text,
                             kinds[static_cast<int>(l.kind)], d.low, d.high, d.baseline, d.seed,
                             d.unit_cost});
    }
    for (std::size_t t = 0; t < r.targets.size(); ++t)
      f.targets.push_back({r.targets[t].text, outputs::metric_name(r.targets[t].metric),
                           r.targets[t].label, r.targets[t].unit, targets[t]});
    f.result = &r.result;
    f.baseline = &r.baseline;
    f.search_replications = spec.replications;
    f.alpha = spec.alpha;
    outputs::write_optimisation(file, f);
  });
  if (!p.write_plan.empty()) {
    // Written whole or not at all: a temporary file renamed into place.
    const std::string tmp = p.write_plan + ".partial";
    {
      std::ofstream out(tmp);
      out << plan_yaml(r, r.result.chosen.plan, p.write_plan);
      if (!out) throw std::runtime_error("--write-plan: cannot write " + tmp);
    }
    std::filesystem::rename(tmp, p.write_plan);
    r.plan_file = p.write_plan;
  }
  return r;
}

OptimiseOutcome optimise(const ScenarioSource& src, const OptimiseOptions& p,
                         const RunOptions& options) {
  const RunOptions o = watching(options);
  sim::StopScope scope(o.cancel);
  return stoppable("no result written", [&] { return optimise_watched(src, p, o); });
}

}  // namespace app
