#include "studies/selection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace studies {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A value and threshold turned so that the check is always of a <= target.
double oriented(const Target& t, double y) {
  return t.sense == Sense::AtMost ? y : -y;
}

}  // namespace

double fcp_eta(int n0, double beta) {
  if (n0 < 2) throw std::invalid_argument("feasibility check: the first stage needs n0 >= 2");
  if (!(beta > 0 && beta < 0.5))
    throw std::invalid_argument("feasibility check: beta must be in (0, 1/2)");
  return 0.5 * (std::pow(2 * beta, -2.0 / (n0 - 1)) - 1);
}

double missing_value(const Target& t, double worst) {
  const double edge =
      t.sense == Sense::AtMost ? t.threshold + t.tolerance : t.threshold - t.tolerance;
  if (std::isnan(worst)) return edge;
  return t.sense == Sense::AtMost ? std::max(worst, edge) : std::min(worst, edge);
}

std::vector<double> complete_missing(const Target& t, const std::vector<double>& values) {
  double worst = kNaN;
  for (double y : values) {
    if (std::isnan(y)) continue;
    if (std::isnan(worst) || oriented(t, y) > oriented(t, worst)) worst = y;
  }
  std::vector<double> out = values;
  const double fill = missing_value(t, worst);
  for (double& y : out)
    if (std::isnan(y)) y = fill;
  return out;
}

FeasibilityCheck::FeasibilityCheck(const Target& t, int n0, double eta)
    : t_(t), n0_(n0), eta_(eta), s2_(kNaN), worst_(kNaN) {
  if (n0 < 2) throw std::invalid_argument("feasibility check: the first stage needs n0 >= 2");
  if (!(t.tolerance > 0)) throw std::invalid_argument("feasibility check: tolerance must be > 0");
  first_.reserve(static_cast<std::size_t>(n0));
}

int FeasibilityCheck::add(double y) {
  if (decision_ != 0) return decision_;
  ++n_;
  // Everything below works on the oriented value x (a <= target) and threshold q.
  const double q = oriented(t_, t_.threshold);
  double x = oriented(t_, y);
  if (!std::isnan(x) && (std::isnan(worst_) || x > worst_)) worst_ = x;
  if (n_ <= n0_) {
    first_.push_back(x);
    if (n_ < n0_) return decision_;
    // The first stage is complete: missing values get the worst of the stage (or the edge).
    const double fill = stand_in(q);
    double sum = 0, sq = 0;
    for (double& v : first_) {
      if (std::isnan(v)) v = fill;
      sum += v;
    }
    const double mean = sum / n0_;
    for (double v : first_) sq += (v - mean) * (v - mean);
    s2_ = sq / (n0_ - 1);
    sum_ = sum - n0_ * q;
    first_.clear();
    judge();
    return decision_;
  }
  if (std::isnan(x)) x = stand_in(q);
  sum_ += x - q;
  judge();
  return decision_;
}

// missing_value on the oriented scale: the worse of the worst value so far and q + eps.
double FeasibilityCheck::stand_in(double q) const {
  return std::isnan(worst_) ? q + t_.tolerance : std::max(worst_, q + t_.tolerance);
}

void FeasibilityCheck::judge() {
  const double eps = t_.tolerance;
  // h^2 S^2 / (2 eps) with h^2 = 2 eta (n0 - 1).
  const double r = std::max(0.0, eta_ * (n0_ - 1) * s2_ / eps - eps * n_ / 2);
  if (sum_ >= r)
    decision_ = -1;
  else if (sum_ <= -r)
    decision_ = +1;
}

Selection select_feasible(const std::vector<std::vector<int>>& plans,
                          const std::vector<Target>& targets, const Evaluate& evaluate,
                          const OptimiseOptions& o) {
  Selection s;
  const std::size_t k = plans.size(), nt = targets.size();
  if (k == 0) return s;
  const int n0 = o.replications;
  const int max_n = std::max(o.max_selection_replications, n0);
  s.beta = o.alpha / static_cast<double>(k * nt);
  s.eta = fcp_eta(n0, s.beta);
  s.h2 = 2 * s.eta * (n0 - 1);

  std::vector<std::vector<FeasibilityCheck>> checks(k);
  for (auto& c : checks)
    for (const Target& t : targets) c.emplace_back(t, n0, s.eta);
  s.finalists.resize(k);
  s.observations.assign(k, Observations(nt));
  std::vector<bool> open(k, true);
  int done = 0;  // replications every open plan has had
  while (done < max_n) {
    std::vector<std::size_t> which;
    std::vector<std::vector<int>> batch;
    for (std::size_t i = 0; i < k; ++i)
      if (open[i]) {
        which.push_back(i);
        batch.push_back(plans[i]);
      }
    if (which.empty()) break;
    const int m = done == 0 ? n0 : std::min(o.batch, max_n - done);
    const std::vector<Observations> got = evaluate(batch, o.selection_first + done, m);
    if (got.size() != batch.size())
      throw std::invalid_argument("optimise: the evaluator answered for the wrong number of plans");
    s.evaluations += static_cast<int>(batch.size());
    s.replications += static_cast<int>(batch.size()) * m;
    for (std::size_t w = 0; w < which.size(); ++w) {
      const std::size_t i = which[w];
      const Observations& obs = got[w];
      if (obs.size() != nt)
        throw std::invalid_argument("optimise: the evaluator answered for the wrong targets");
      for (std::size_t t = 0; t < nt; ++t) {
        if (obs[t].size() != static_cast<std::size_t>(m))
          throw std::invalid_argument("optimise: the evaluator answered the wrong replications");
        s.observations[i][t].insert(s.observations[i][t].end(), obs[t].begin(), obs[t].end());
      }
      s.finalists[i].replications += m;
      // One replication at a time, in order: the procedure stays fully sequential.
      for (int r = 0; r < m && open[i]; ++r) {
        bool all_feasible = true, any_infeasible = false;
        for (std::size_t t = 0; t < nt; ++t) {
          const int d = checks[i][t].add(obs[t][static_cast<std::size_t>(r)]);
          all_feasible = all_feasible && d == +1;
          any_infeasible = any_infeasible || d == -1;
        }
        if (all_feasible || any_infeasible) open[i] = false;
      }
    }
    done += m;
  }
  for (std::size_t i = 0; i < k; ++i) {
    Finalist& f = s.finalists[i];
    f.candidate.plan = plans[i];
    f.declared_feasible = true;
    for (const FeasibilityCheck& c : checks[i]) {
      f.decision.push_back(c.decision());
      f.declared_feasible = f.declared_feasible && c.decision() == +1;
    }
  }
  return s;
}

}  // namespace studies
