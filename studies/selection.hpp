// The selection of `bordersim optimise` (optimise.hpp, step 3): Andradottir & Kim's (2010) fully
// sequential feasibility check procedure (FCP), "Fully sequential procedures for comparing
// constrained systems via simulation", Naval Research Logistics 57(5), with the triangular
// continuation region of the KN family (Kim & Nelson 2001) at c = 1.
//
// One check judges one target of one plan. With Y_j the j-th replication value and q, eps the
// threshold and tolerance (values and threshold negated for a >= target, so the check is always
// of a <= target):
//   - first stage: n0 >= 2 values; S^2 their sample variance (n0 - 1 denominator);
//   - after each value r >= n0: D_r = sum_{j <= r} (Y_j - q) and
//       R(r) = max(0, h^2 S^2 / (2 eps) - eps r / 2),   h^2 = 2 eta (n0 - 1);
//     D_r >= R(r): infeasible; otherwise D_r <= -R(r): feasible; otherwise take one more value.
//     (The infeasible test first: when the triangle has closed, R = 0 and D_r = 0, the check says
//     infeasible.)
//   - eta solves (1/2) (1 + 2 eta)^(-(n0 - 1)/2) = beta, i.e.
//       eta = ((2 beta)^(-2 / (n0 - 1)) - 1) / 2,
//     beta the error probability allowed to this check.
// For normal values with mean mu <= q - eps the sum drifts down by at least eps per value, and
// the probability that it leaves the triangle through the top is at most
// (1/2) E[exp(-eta (n0 - 1) S^2 / sigma^2)] = (1/2) (1 + 2 eta)^(-(n0 - 1)/2) = beta (Fabian's
// bound for c = 1, averaged over the chi-square law of S^2): so a plan meeting the target by eps
// is declared infeasible with probability at most beta, and symmetrically one missing it by eps
// is declared feasible with probability at most beta. This is KN's constant with alpha / (k - 1)
// replaced by beta; the FCP's general-c equation g(eta) = beta reduces to it at c = 1. Checked
// against the public code of the same group (Zhou, Andradottir, Kim & Park, "Finding feasible
// systems for subjective constraints using recycled observations", supplement on GitHub,
// yuweizhou3/FeasibilityRecycleObs: procedures/restart_max.cpp, etaSearch.cpp): its FCP uses
// R = max(0, (n0 - 1) S^2 eta / eps - eps r / 2), the same region, solves g(eta) = beta by
// bisection, and uses eta = 0.1844 for n0 = 20 and beta = 1 - sqrt(0.95), which this formula gives.
//
// Bonferroni: with k finalists and s targets every check gets beta = alpha / (k s), so all k s
// checks are right together with probability at least 1 - alpha. With the defaults (n0 = 10,
// alpha = 0.05, 5 finalists) and 4 targets: beta = 0.0025, eta = 1.123, h^2 = 20.21, and a check
// ends by h^2 S^2 / eps^2 replications (the triangle's apex): 20 S^2 / eps^2, 180 when the
// replication sd is three tolerances. A check stopped at a maximum number of replications stays
// undecided; that removes decisions and never makes one wrong.
#pragma once

#include <vector>

#include "studies/optimise.hpp"

namespace studies {

// eta of the check for a first stage of n0 >= 2 values and error probability beta in (0, 1/2).
double fcp_eta(int n0, double beta);

// The value that stands for a missing (NaN) replication value of target t: the worse of `worst`
// (the worst finite value seen for that plan and target; NaN when none) and the threshold moved
// by the tolerance to the wrong side.
double missing_value(const Target& t, double worst);
// values with every NaN replaced by missing_value(t, the worst finite value in values).
std::vector<double> complete_missing(const Target& t, const std::vector<double>& values);

// One target of one plan under the FCP, fed one replication at a time.
class FeasibilityCheck {
 public:
  FeasibilityCheck(const Target& t, int n0, double eta);
  // Takes the next replication value (NaN: missing, see missing_value; during the first stage it
  // is completed when the stage ends) and returns decision(). Values after a decision are
  // ignored.
  int add(double y);
  int decision() const { return decision_; }  // +1 feasible, -1 infeasible, 0 open
  int count() const { return n_; }            // values taken up to the decision
  double variance() const { return s2_; }     // S^2 of the first stage (NaN before it ends)

 private:
  void judge();
  double stand_in(double q) const;
  Target t_;
  int n0_;
  double eta_;
  std::vector<double> first_;  // the first stage, until it is complete
  double sum_ = 0, s2_;
  double worst_;  // worst finite value so far, oriented as a <= target (NaN: none)
  int n_ = 0, decision_ = 0;
};

// The selection over plans (cheapest first): runs them on [o.selection_first, ...), n0 =
// o.replications values first, then rounds of o.batch, judged one replication at a time in
// order, up to o.max_selection_replications. Every open plan of a round is in one evaluate call.
struct Selection {
  std::vector<Finalist> finalists;         // the plans' costs are left for the caller to fill
  std::vector<Observations> observations;  // every value simulated, per finalist
  int evaluations = 0, replications = 0;
  double beta = 0, eta = 0, h2 = 0;
};
Selection select_feasible(const std::vector<std::vector<int>>& plans,
                          const std::vector<Target>& targets, const Evaluate& evaluate,
                          const OptimiseOptions& o);

}  // namespace studies
