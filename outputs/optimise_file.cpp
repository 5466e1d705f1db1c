#include "outputs/optimise_file.hpp"

#include <fmt/core.h>

#include "outputs/contract.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/writer.hpp"

namespace outputs {

namespace {

std::string joined(const std::vector<int>& plan) {
  std::string s;
  for (int v : plan) s += (s.empty() ? "" : ",") + std::to_string(v);
  return s;
}

}  // namespace

void write_optimisation(hid_t file, const OptimiseFile& o) {
  const studies::OptimiseResult& r = *o.result;
  h5::Handle g = h5::create_group(file, "optimisation");
  h5::attr_string(g.get(), "objective", o.objective);
  h5::attr_string(g.get(), "unit", o.unit);
  h5::attr_int(g.get(), "feasible", r.feasible ? 1 : 0);
  h5::attr_string(g.get(), "guarantee", r.guarantee);
  h5::attr_int(g.get(), "evaluations", r.evaluations);
  h5::attr_int(g.get(), "replications", r.replications);
  h5::attr_int(g.get(), "search_replications", o.search_replications);
  h5::attr_int(g.get(), "budget_exhausted", r.budget_exhausted ? 1 : 0);
  h5::attr_double(g.get(), "alpha", o.alpha);
  h5::attr_double(g.get(), "cost", r.chosen.cost);
  h5::attr_double(g.get(), "baseline_cost", o.baseline->cost);
  h5::attr_double(g.get(), "selection_beta", r.selection_beta);
  h5::attr_double(g.get(), "selection_eta", r.selection_eta);
  h5::attr_double(g.get(), "selection_h2", r.selection_h2);
  if (!r.feasible) {
    h5::attr_string(g.get(), "unmet_target", r.unmet_target);
    h5::attr_double(g.get(), "unmet_best", r.unmet_best);
  }
  {
    auto t = make_table(g.get(), table_spec(Table::OptimiseDecisions));
    for (std::size_t k = 0; k < o.decisions.size(); ++k) {
      const OptimiseFileDecision& d = o.decisions[k];
      row::OptimiseDecision rec{};
      rec.decision = static_cast<std::uint16_t>(k);
      copy_str(rec.name, d.name);
      copy_str(rec.lever, d.lever);
      copy_str(rec.block, d.block);
      copy_str(rec.kind, d.kind);
      rec.low = d.low;
      rec.high = d.high;
      rec.baseline = d.baseline;
      rec.seed = d.seed;
      rec.chosen = k < r.chosen.plan.size() ? r.chosen.plan[k] : 0;
      rec.unit_cost = d.unit_cost;
      t->append(rec);
    }
    t->close();
  }
  // The targets at the plan chosen: from its finalist's selection replications when it was one.
  const studies::Finalist* chosen = nullptr;
  for (const studies::Finalist& f : r.finalists)
    if (f.candidate.plan == r.chosen.plan) chosen = &f;
  const studies::Candidate& at = chosen ? chosen->candidate : r.chosen;
  {
    auto t = make_table(g.get(), table_spec(Table::OptimiseTargets));
    for (std::size_t k = 0; k < o.targets.size(); ++k) {
      const OptimiseFileTarget& x = o.targets[k];
      row::OptimiseTarget rec{};
      rec.target = static_cast<std::uint16_t>(k);
      copy_str(rec.text, x.text);
      copy_str(rec.metric, x.metric);
      copy_str(rec.group, x.group);
      copy_str(rec.sense, x.target.sense == studies::Sense::AtMost ? "<=" : ">=");
      copy_str(rec.unit, x.unit);
      rec.threshold = x.target.threshold;
      rec.tolerance = x.target.tolerance;
      if (k < at.targets.size()) {
        rec.mean = at.targets[k].mean;
        rec.ci95_lo = at.targets[k].low;
        rec.ci95_hi = at.targets[k].high;
        rec.met = at.targets[k].met ? 1 : 0;
      }
      rec.declared = chosen && k < chosen->decision.size()
                         ? static_cast<std::int32_t>(chosen->decision[k])
                         : 0;
      if (k < o.baseline->targets.size()) {
        rec.baseline_mean = o.baseline->targets[k].mean;
        rec.baseline_ci95_lo = o.baseline->targets[k].low;
        rec.baseline_ci95_hi = o.baseline->targets[k].high;
        rec.baseline_met = o.baseline->targets[k].met ? 1 : 0;
      }
      t->append(rec);
    }
    t->close();
  }
  {
    auto t = make_table(g.get(), table_spec(Table::OptimiseFinalists));
    for (std::size_t k = 0; k < r.finalists.size(); ++k) {
      const studies::Finalist& f = r.finalists[k];
      row::OptimiseFinalist rec{};
      rec.rank = static_cast<std::uint16_t>(k + 1);
      rec.cost = f.candidate.cost;
      rec.replications = f.replications;
      rec.declared_feasible = f.declared_feasible ? 1 : 0;
      rec.chosen = f.candidate.plan == r.chosen.plan ? 1 : 0;
      std::string verdicts;
      for (int d : f.decision) verdicts += d > 0 ? '+' : d < 0 ? '-' : '?';
      copy_str(rec.decisions, verdicts);
      copy_str(rec.plan, joined(f.candidate.plan));
      t->append(rec);
    }
    t->close();
  }
  {
    auto t = make_table(g.get(), table_spec(Table::OptimiseHistory));
    for (const studies::Candidate& c : r.history) {
      row::OptimiseStep rec{};
      rec.step = c.step;
      copy_str(rec.phase, c.phase);
      rec.cost = c.cost;
      rec.violation = c.violation;
      rec.feasible = c.feasible ? 1 : 0;
      copy_str(rec.plan, joined(c.plan));
      t->append(rec);
    }
    t->close();
  }
}

}  // namespace outputs
