// The statistical core of `bordersim optimise`: the cheapest plan (officers per stage and hour
// block, say) whose targets hold, found by simulation. Pure: plans are evaluated through a
// callback, so no simulation, file or scenario is touched here.
//
// The method, and why a practitioner would defend it:
//
// 1. Seed. The caller seeds the search from a queueing estimate (erlang.hpp: the smallest c per
//    hour block meeting the target in the stationary M/M/c of that block's load). The seed is
//    clamped into the levers' bounds.
//
// 2. Greedy marginal allocation with common random numbers. Every plan of the search is run on
//    the same replications [0, n0), so two plans differ by the plan, not by the luck of their
//    seeds, and a step's comparisons are paired. A target is met when its t confidence bound on
//    the wrong side (the upper bound for <=, the lower for >=) is on the right side of the
//    threshold. The violation of a plan is sum_t max(0, bound_t - threshold_t) / scale_t (the
//    mirror for >=), scale_t = |threshold_t| (1 when 0), so targets in hours and in shares add.
//    While the plan is not feasible, every +1 neighbour (a lever below its high bound) is
//    evaluated in one call and the search moves to the one with the largest reduction of the
//    violation per unit cost; when none reduces it (the bound sits still while the means move),
//    to the one with the largest normalised improvement of the means of the targets not met per
//    unit cost, and when none improves those, of all the target means (so a plateau is crossed).
//    A lever with zero unit cost counts as costing 1e-9, so a free improvement always wins. Ties
//    go to the first lever. When no lever can rise the search stops: no plan within the bounds is
//    feasible.
//    Then removal: while the plan is feasible, every -1 neighbour (a lever above its low bound)
//    is evaluated in one call and the search moves to the feasible one saving the most cost;
//    ties go to the largest total normalised slack sum_t (threshold_t - bound_t) / scale_t (the
//    plan furthest inside its targets), then to the first lever. It stops when no neighbour is
//    feasible. When the search has seen fewer feasible plans than `finalists`, the plan's +1
//    neighbours are evaluated too (phase "spare"): the selection's fallbacks, one officer-block
//    dearer. A plan is never evaluated twice (a cache by plan). The search stops, and says so,
//    when the next step would take it over max_evaluations plan-evaluations.
//
//    Greedy marginal allocation is the classical method for separable staffing problems (each
//    block's targets respond mainly to that block's officers, with diminishing returns): there it
//    finds the optimum; coupled blocks (a queue carried over from the morning into noon) can make
//    it stop at a local optimum, which the removal pass and the selection's several finalists
//    only partly guard against. The guarantee below is about the finalists, not about a global
//    optimum.
//
// 3. Selection with a stated guarantee. The finalists are the cheapest distinct plans the search
//    found feasible (up to `finalists`, cheapest first). They are rerun on new replications
//    [selection_first, ...), independent of the search's, and each (finalist, target) pair goes
//    through Andradottir & Kim's (2010) fully sequential feasibility check (selection.hpp): a first
//    stage of n0 replications, then one replication at a time in the triangular continuation region
//    of the KN family (c = 1), until the target is declared feasible or infeasible. The error
//    probability alpha is split by Bonferroni over finalists x targets. A finalist is declared
//    feasible when every target is, and stops at its first target declared infeasible; a check
//    still open at max_selection_replications stays undecided (not feasible). The guarantee, for
//    normally distributed replication values (replication averages are nearly so): with
//    probability at least 1 - alpha, no finalist that misses a target by more than its tolerance
//    is declared feasible and none that meets every target by its tolerance is declared
//    infeasible. Stopping a check undecided only removes decisions, so it keeps the guarantee.
//    The plan chosen is the cheapest finalist declared feasible.
//
// Missing values. A NaN replication value (the metric absent in that replication: no fruit truck
// finished, say) is counted as the worst value the target could sensibly have: the worse of the
// worst finite value seen for that plan and target and the threshold moved by the tolerance to
// the wrong side (threshold + tolerance for <=). A plan cannot look better for a missing value,
// and the guarantee holds for the metric so completed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "studies/erlang.hpp"

namespace studies {

// ---- the search ----------------------------------------------------------------------------
struct Lever {            // one decision: e.g. officers of stage X in hour block 07-11
  std::string name;       // "kim_thanh.customs 07-11"
  int low = 0, high = 0;  // bounds (inclusive)
  double unit_cost = 0;   // objective per unit per day (4 h x 6 USD = 24 USD/day per officer)
};
enum class Sense { AtMost, AtLeast };  // metric <= threshold, metric >= threshold
struct Target {
  std::string text;  // as the user wrote it, for messages
  Sense sense = Sense::AtMost;
  double threshold = 0;
  double tolerance = 0;  // epsilon of the selection's indifference zone, in the metric's unit (>0)
};
// Per target, the per-replication values of one plan (values[t][r]); NaN: the metric was absent
// in that replication (see "Missing values" above).
using Observations = std::vector<std::vector<double>>;
// Evaluates plans (each a vector of lever values) on replications [first, first + n), with common
// random numbers across plans (same replication index => same seeds); returns one Observations
// per plan, in order. The caller runs the plans in parallel; it is called with as many plans at
// once as the algorithm allows (all neighbours of a step in one call).
using Evaluate = std::function<std::vector<Observations>(const std::vector<std::vector<int>>& plans,
                                                         int first, int n)>;

struct TargetEstimate {  // t-based CI on the mean, missing values completed
  double mean = 0, low = 0, high = 0;
  bool met = false;  // the bound on the wrong side is on the right side of the threshold
  int missing = 0;   // replications where the metric was absent (NaN)
};
struct Candidate {
  std::vector<int> plan;
  double cost = 0;                      // sum of lever value x unit_cost
  std::vector<TargetEstimate> targets;  // from the search's replications
  bool feasible = false;                // every target met on its CI
  double violation = 0;                 // sum of normalised violations (0 when feasible)
  std::string phase;                    // "seed", "add", "remove", "spare"
  int step = 0;                         // 0 for the seed, then one per move of the search
};
struct OptimiseOptions {
  int replications = 10;                 // per evaluation in the search (n0, >= 2), CRN
  double confidence = 0.95;              // of the CIs the search judges targets on
  double alpha = 0.05;                   // selection: 1 - alpha is the stated confidence
  int finalists = 5;                     // the best feasible plans carried to the selection
  int max_selection_replications = 200;  // per finalist
  int batch = 4;               // replications evaluated per round in the sequential selection
  int max_evaluations = 2000;  // plan-evaluations in the search (a budget; stop and say so)
  // First replication of the selection, beyond the search's (the simulator's replication counter
  // has 16 bits: the app uses 32768, the upper half).
  int selection_first = 32768;
};
struct Finalist {
  Candidate candidate;   // targets (and feasible, on the CIs) re-estimated on the selection's reps
  int replications = 0;  // simulated for it in the selection (n0, then by batches)
  std::vector<int> decision;  // per target: +1 declared feasible, -1 infeasible, 0 undecided
  bool declared_feasible = false;
};
struct OptimiseResult {
  bool feasible = false;  // a plan was declared feasible by the selection
  // The cheapest finalist declared feasible; if none: the plan with the least violation (of the
  // finalists on the selection's replications, else of the search), ties to the cheaper.
  Candidate chosen;
  std::vector<Finalist> finalists;
  std::vector<Candidate> history;         // every plan evaluated in the search, in order
  int evaluations = 0, replications = 0;  // plan-evaluations and replications, search + selection
  bool budget_exhausted = false;
  // When no plan is feasible: the target with the largest violation at `chosen`, and the best
  // mean reached for it over every estimate made (search and selection).
  std::string unmet_target;
  double unmet_best = 0;
  std::string guarantee;  // one sentence stating the statistical guarantee of `chosen`
  // The selection's constants (selection.hpp): per-check error, eta, h^2 = 2 eta (n0 - 1).
  double selection_beta = 0, selection_eta = 0, selection_h2 = 0;
};

// Estimates a plan's targets from its observations (t CIs at `confidence`, missing values
// completed) and judges it: met, violation, feasible. What the search does for every plan; a
// caller uses it for a plan outside the search (the scenario's own staffing).
void judge(const std::vector<Target>& targets, const Observations& obs, double confidence,
           Candidate& c);

// Throws std::invalid_argument on bad input: no levers, low > high, a seed of the wrong length,
// no targets, a tolerance <= 0, replications < 2, alpha or confidence outside (0, 1), finalists,
// batch or max_selection_replications < 1, an Evaluate answer of the wrong shape.
OptimiseResult optimise(const std::vector<Lever>& levers, const std::vector<Target>& targets,
                        std::vector<int> seed, const Evaluate& evaluate, const OptimiseOptions& o);

}  // namespace studies
