#include "studies/optimise.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "sim/stats.hpp"
#include "studies/selection.hpp"

namespace studies {

namespace {

// A non-finite CI bound (a metric that diverged) counts as this many thresholds of violation.
constexpr double kHugeViolation = 1e12;
constexpr double kFreeCost = 1e-9;  // what a lever of zero unit cost counts as costing

void need(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(what);
}

double scale(const Target& t) {
  return t.threshold == 0 ? 1.0 : std::abs(t.threshold);
}

// The bound on the wrong side, minus the threshold, oriented so that > 0 is a miss.
double miss(const Target& t, const TargetEstimate& e) {
  return t.sense == Sense::AtMost ? e.high - t.threshold : t.threshold - e.low;
}

double violation_of(const Target& t, const TargetEstimate& e) {
  const double m = miss(t, e);
  if (!std::isfinite(m)) return kHugeViolation;
  return std::max(0.0, m) / scale(t);
}

TargetEstimate estimate(const Target& t, const std::vector<double>& raw, double confidence) {
  TargetEstimate e;
  e.missing = static_cast<int>(
      std::count_if(raw.begin(), raw.end(), [](double y) { return std::isnan(y); }));
  const std::vector<double> ys = complete_missing(t, raw);
  const sim::Interval ci = sim::mean_ci(ys, confidence);
  e.mean = ci.mean;
  e.low = ci.lo;
  e.high = ci.hi;
  const double m = miss(t, e);
  e.met = std::isfinite(m) && m <= 0;
  return e;
}

// Higher is better: the target means' improvement from `from` to `to`, normalised and summed over
// the targets `from` does not meet (unmet_only) or over all.
double mean_gain(const std::vector<Target>& targets, const Candidate& from, const Candidate& to,
                 bool unmet_only) {
  double g = 0;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    if (unmet_only && from.targets[t].met) continue;
    const double d = from.targets[t].mean - to.targets[t].mean;
    g += (targets[t].sense == Sense::AtMost ? d : -d) / scale(targets[t]);
  }
  return std::isfinite(g) ? g : 0.0;
}

double slack(const std::vector<Target>& targets, const Candidate& c) {
  double s = 0;
  for (std::size_t t = 0; t < targets.size(); ++t)
    s -= miss(targets[t], c.targets[t]) / scale(targets[t]);
  return s;
}

void check_shape(const Observations& obs, std::size_t nt, int n) {
  need(obs.size() == nt, "optimise: the evaluator answered for the wrong targets");
  for (const auto& v : obs)
    need(v.size() == static_cast<std::size_t>(n),
         "optimise: the evaluator answered the wrong replications");
}

// The search: plans on replications [0, n0), a cache by plan, the budget.
class Search {
 public:
  Search(const std::vector<Lever>& levers, const std::vector<Target>& targets,
         const Evaluate& evaluate, const OptimiseOptions& o, OptimiseResult& r)
      : levers_(levers), targets_(targets), evaluate_(evaluate), o_(o), r_(r) {}

  // The history indices of `plans`, evaluating the ones not seen yet in one call; empty when
  // that would take the search over its budget.
  std::vector<std::size_t> evaluate(const std::vector<std::vector<int>>& plans, const char* phase,
                                    int step) {
    std::vector<std::vector<int>> fresh;
    for (const auto& p : plans)
      if (!cache_.contains(p) && std::find(fresh.begin(), fresh.end(), p) == fresh.end())
        fresh.push_back(p);
    if (r_.evaluations + static_cast<int>(fresh.size()) > o_.max_evaluations) {
      r_.budget_exhausted = true;
      return {};
    }
    if (!fresh.empty()) {
      const std::vector<Observations> got = evaluate_(fresh, 0, o_.replications);
      need(got.size() == fresh.size(),
           "optimise: the evaluator answered for the wrong number of plans");
      r_.evaluations += static_cast<int>(fresh.size());
      r_.replications += static_cast<int>(fresh.size()) * o_.replications;
      for (std::size_t i = 0; i < fresh.size(); ++i) {
        check_shape(got[i], targets_.size(), o_.replications);
        Candidate c;
        c.plan = fresh[i];
        c.cost = cost(c.plan);
        c.phase = phase;
        c.step = step;
        judge(targets_, got[i], o_.confidence, c);
        cache_[c.plan] = r_.history.size();
        r_.history.push_back(std::move(c));
      }
    }
    std::vector<std::size_t> at;
    for (const auto& p : plans) at.push_back(cache_.at(p));
    return at;
  }

  double cost(const std::vector<int>& plan) const {
    double c = 0;
    for (std::size_t i = 0; i < plan.size(); ++i) c += plan[i] * levers_[i].unit_cost;
    return c;
  }

  // Greedy marginal allocation, then removal; returns nothing, fills r_.history.
  void run(const std::vector<int>& seed) {
    std::vector<std::size_t> at = evaluate({seed}, "seed", 0);
    if (at.empty()) return;
    std::size_t cur = at[0];
    int step = 0;
    while (!r_.history[cur].feasible) {
      std::vector<std::vector<int>> next;
      std::vector<std::size_t> lever;
      for (std::size_t i = 0; i < levers_.size(); ++i)
        if (r_.history[cur].plan[i] < levers_[i].high) {
          next.push_back(r_.history[cur].plan);
          ++next.back()[i];
          lever.push_back(i);
        }
      if (next.empty()) return;  // every lever at its high bound: infeasible
      at = evaluate(next, "add", ++step);
      if (at.empty()) return;
      cur = best_addition(cur, at, lever);
    }
    for (;;) {
      std::vector<std::vector<int>> next;
      std::vector<std::size_t> lever;
      for (std::size_t i = 0; i < levers_.size(); ++i)
        if (r_.history[cur].plan[i] > levers_[i].low) {
          next.push_back(r_.history[cur].plan);
          --next.back()[i];
          lever.push_back(i);
        }
      if (next.empty()) break;
      at = evaluate(next, "remove", ++step);
      if (at.empty()) return;
      const std::size_t best = best_removal(at, lever);
      if (best == at.size()) break;  // no neighbour is feasible
      cur = at[best];
    }
    // Runners-up: when the search saw fewer feasible plans than the selection takes, the plan's
    // +1 neighbours (one more officer in one block), so that the selection has cheap fallbacks
    // should the plan fail on new replications.
    const auto feasible = static_cast<int>(std::count_if(
        r_.history.begin(), r_.history.end(), [](const Candidate& c) { return c.feasible; }));
    if (feasible >= o_.finalists) return;
    std::vector<std::vector<int>> spare;
    for (std::size_t i = 0; i < levers_.size(); ++i)
      if (r_.history[cur].plan[i] < levers_[i].high) {
        spare.push_back(r_.history[cur].plan);
        ++spare.back()[i];
      }
    if (!spare.empty()) evaluate(spare, "spare", ++step);
  }

 private:
  double unit(std::size_t lever) const { return std::max(levers_[lever].unit_cost, kFreeCost); }

  std::size_t best_addition(std::size_t cur, const std::vector<std::size_t>& at,
                            const std::vector<std::size_t>& lever) const {
    const Candidate& c = r_.history[cur];
    std::size_t best = at.size();
    double best_score = 0;
    for (std::size_t j = 0; j < at.size(); ++j) {
      const double s = (c.violation - r_.history[at[j]].violation) / unit(lever[j]);
      if (s > best_score) best_score = s, best = j;
    }
    if (best < at.size()) return at[best];
    // No neighbour lowers the violation: the one moving the means of the targets not met most
    // per unit cost, and when none moves them, of all targets (on a plateau one more officer
    // may not move a mean that two would).
    for (bool unmet_only : {true, false}) {
      best = at.size();
      for (std::size_t j = 0; j < at.size(); ++j) {
        const double s = mean_gain(targets_, c, r_.history[at[j]], unmet_only) / unit(lever[j]);
        if (unmet_only ? s > best_score : (best == at.size() || s > best_score))
          best_score = s, best = j;
      }
      if (best < at.size()) return at[best];
    }
    return at[0];
  }

  // The feasible neighbour saving the most, then with the most slack, then the first lever;
  // at.size() when none is feasible.
  std::size_t best_removal(const std::vector<std::size_t>& at,
                           const std::vector<std::size_t>& lever) const {
    std::size_t best = at.size();
    double best_saving = 0, best_slack = 0;
    for (std::size_t j = 0; j < at.size(); ++j) {
      const Candidate& c = r_.history[at[j]];
      if (!c.feasible) continue;
      const double saving = levers_[lever[j]].unit_cost, sl = slack(targets_, c);
      if (best == at.size() || saving > best_saving || (saving == best_saving && sl > best_slack))
        best = j, best_saving = saving, best_slack = sl;
    }
    return best;
  }

  const std::vector<Lever>& levers_;
  const std::vector<Target>& targets_;
  const Evaluate& evaluate_;
  const OptimiseOptions& o_;
  OptimiseResult& r_;
  std::map<std::vector<int>, std::size_t> cache_;
};

void check_input(const std::vector<Lever>& levers, const std::vector<Target>& targets,
                 const std::vector<int>& seed, const OptimiseOptions& o) {
  need(!levers.empty(), "optimise: no levers");
  for (const Lever& l : levers)
    need(l.low <= l.high, "optimise: a lever's low bound is above its high");
  need(seed.size() == levers.size(), "optimise: the seed has the wrong number of levers");
  need(!targets.empty(), "optimise: no targets");
  for (const Target& t : targets)
    need(t.tolerance > 0 && std::isfinite(t.threshold),
         "optimise: a target's tolerance must be > 0");
  need(o.replications >= 2, "optimise: replications must be >= 2");
  need(o.confidence > 0 && o.confidence < 1, "optimise: confidence must be in (0, 1)");
  need(o.alpha > 0 && o.alpha < 1, "optimise: alpha must be in (0, 1)");
  need(o.finalists >= 1 && o.batch >= 1 && o.max_selection_replications >= 1,
       "optimise: finalists, batch and max_selection_replications must be >= 1");
}

std::string percent(double p) {
  return fmt::format("{:g} %", 100 * p);
}

// The target with the largest violation at c; when none is violated, the first not met on its
// CI, else the first not declared feasible (decision, when given). Then the best mean reached for
// it over `seen`.
void name_unmet(const std::vector<Target>& targets, const Candidate& c,
                const std::vector<int>* decision, const std::vector<const Candidate*>& seen,
                OptimiseResult& r) {
  const std::size_t nt = targets.size();
  std::size_t worst = nt;
  double v = 0;
  for (std::size_t t = 0; t < nt; ++t) {
    const double vt = violation_of(targets[t], c.targets[t]);
    if (vt > v) v = vt, worst = t;
  }
  for (std::size_t t = 0; t < nt && worst == nt; ++t)
    if (!c.targets[t].met) worst = t;
  for (std::size_t t = 0; decision && t < nt && worst == nt; ++t)
    if ((*decision)[t] != +1) worst = t;
  if (worst == nt) worst = 0;
  const Target& t = targets[worst];
  r.unmet_target = t.text;
  bool first = true;
  for (const Candidate* s : seen) {
    const double m = s->targets[worst].mean;
    if (std::isnan(m)) continue;
    if (first || (t.sense == Sense::AtMost ? m < r.unmet_best : m > r.unmet_best))
      r.unmet_best = m, first = false;
  }
}

// The index of the least violation, then the cheaper, then the first (cs not empty).
std::size_t least_violation(const std::vector<const Candidate*>& cs) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < cs.size(); ++i)
    if (cs[i]->violation < cs[best]->violation ||
        (cs[i]->violation == cs[best]->violation && cs[i]->cost < cs[best]->cost))
      best = i;
  return best;
}

}  // namespace

void judge(const std::vector<Target>& targets, const Observations& obs, double confidence,
           Candidate& c) {
  c.targets.clear();
  c.violation = 0;
  c.feasible = true;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    c.targets.push_back(estimate(targets[t], obs[t], confidence));
    c.violation += violation_of(targets[t], c.targets.back());
    c.feasible = c.feasible && c.targets.back().met;
  }
}

OptimiseResult optimise(const std::vector<Lever>& levers, const std::vector<Target>& targets,
                        std::vector<int> seed, const Evaluate& evaluate, const OptimiseOptions& o) {
  check_input(levers, targets, seed, o);
  for (std::size_t i = 0; i < levers.size(); ++i)
    seed[i] = std::clamp(seed[i], levers[i].low, levers[i].high);
  OptimiseResult r;
  Search search(levers, targets, evaluate, o, r);
  search.run(seed);

  std::vector<const Candidate*> seen;
  for (const Candidate& c : r.history) seen.push_back(&c);

  // Finalists: the cheapest distinct feasible plans (the history holds each plan once).
  std::vector<const Candidate*> feasible;
  for (const Candidate& c : r.history)
    if (c.feasible) feasible.push_back(&c);
  std::stable_sort(feasible.begin(), feasible.end(),
                   [](const Candidate* a, const Candidate* b) { return a->cost < b->cost; });
  if (feasible.size() > static_cast<std::size_t>(o.finalists))
    feasible.resize(static_cast<std::size_t>(o.finalists));

  if (feasible.empty()) {
    if (r.history.empty()) {
      r.chosen.plan = seed;
      r.chosen.cost = search.cost(seed);
      r.guarantee = "No plan was evaluated: the evaluation budget is smaller than one plan.";
      return r;
    }
    r.chosen = *seen[least_violation(seen)];
    name_unmet(targets, r.chosen, nullptr, seen, r);
    r.guarantee = fmt::format(
        "No guarantee: the search found no plan within the bounds that meets every target on its "
        "{} CI{}; the plan given is the one with the least violation.",
        percent(o.confidence), r.budget_exhausted ? " before its evaluation budget ran out" : "");
    return r;
  }

  std::vector<std::vector<int>> plans;
  for (const Candidate* c : feasible) plans.push_back(c->plan);
  Selection s = select_feasible(plans, targets, evaluate, o);
  r.evaluations += s.evaluations;
  r.replications += s.replications;
  r.selection_beta = s.beta;
  r.selection_eta = s.eta;
  r.selection_h2 = s.h2;
  for (std::size_t i = 0; i < s.finalists.size(); ++i) {
    Candidate& c = s.finalists[i].candidate;
    c.cost = feasible[i]->cost;
    c.phase = feasible[i]->phase;
    c.step = feasible[i]->step;
    judge(targets, s.observations[i], o.confidence, c);
  }
  r.finalists = std::move(s.finalists);

  const std::string how = fmt::format(
      "Andradottir & Kim's fully sequential feasibility check (alpha split over {} finalist{} x "
      "{} target{})",
      r.finalists.size(), r.finalists.size() == 1 ? "" : "s", targets.size(),
      targets.size() == 1 ? "" : "s");
  for (const Finalist& f : r.finalists)
    if (f.declared_feasible) {
      r.feasible = true;
      r.chosen = f.candidate;
      r.guarantee = fmt::format(
          "With probability at least {}, the plan chosen misses no target by more than its "
          "tolerance: {} declares no finalist feasible that misses a target by more than its "
          "tolerance and none infeasible that meets every target by its tolerance, and the plan "
          "chosen is the cheapest finalist declared feasible.",
          percent(1 - o.alpha), how);
      return r;
    }

  std::vector<const Candidate*> tried;
  for (const Finalist& f : r.finalists) tried.push_back(&f.candidate);
  const std::size_t least = least_violation(tried);
  r.chosen = *tried[least];
  const Finalist& at = r.finalists[least];
  seen.insert(seen.end(), tried.begin(), tried.end());
  name_unmet(targets, r.chosen, &at.decision, seen, r);
  r.guarantee = fmt::format(
      "No plan is guaranteed: rerun on new replications, none of the {} plan{} the search found "
      "feasible was declared feasible by {} (with probability at least {}, none that meets "
      "every target by its tolerance is declared infeasible).",
      r.finalists.size(), r.finalists.size() == 1 ? "" : "s", how, percent(1 - o.alpha));
  return r;
}

}  // namespace studies
