// `bordersim optimise`'s terminal text: the plan chosen as officers by block, its cost against the
// scenario's own staffing, each target's CI at the plan and at the scenario's staffing, the
// runners-up and how they differ, the guarantee, and what the search cost.
#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "app/commands.hpp"
#include "outputs/contract.hpp"
#include "outputs/hdf5.hpp"

namespace app {

namespace {

std::string number(double v, const std::string& unit) {
  if (!std::isfinite(v)) return "—";
  if (unit == "share") return fmt::format("{:.1f} %", 100 * v);
  const double a = std::abs(v);
  return fmt::format(fmt::runtime(a >= 100  ? "{:.0f}"
                                  : a >= 10 ? "{:.1f}"
                                            : "{:.3g}"),
                     v) +
         (unit.empty() ? "" : " " + unit);
}

std::string estimate(const studies::TargetEstimate& e, const std::string& unit) {
  const bool share = unit == "share";
  auto v = [&](double x) {
    return share ? fmt::format("{:.1f}", 100 * x) : fmt::format("{:.3g}", x);
  };
  return fmt::format("{} [{}, {}]{}", v(e.mean), v(e.low), v(e.high), share ? " %" : " " + unit);
}

}  // namespace

std::string render_optimise(const OptimiseOutcome& r) {
  const studies::OptimiseResult& x = r.result;
  const models::Scenario& sc = r.scenario;
  const models::OptimiseSpec& spec = *sc.optimise;
  std::string s =
      fmt::format("optimise {}: {} decisions from {} lever(s), {} target(s), minimising {} ({})\n",
                  sc.name, r.decisions.size(), spec.levers.size(), r.targets.size(),
                  r.objective == "cost" ? "the staffing cost" : "officer-hours", r.unit);
  s += fmt::format(
      "  search: greedy marginal allocation from an Erlang C seed per block, {} plans on the "
      "same {} replications{}; selection: {} finalist(s) on new replications; {} replications "
      "in all (the scenario's own staffing included)\n\n",
      x.history.size(), spec.replications,
      x.budget_exhausted ? " (stopped at --max-evaluations: the budget ran out)" : "",
      x.finalists.size(), x.replications);
  s += x.feasible ? fmt::format("plan chosen (declared feasible, {:.0f} % confidence):\n",
                                100 * (1 - spec.alpha))
                  : "NO PLAN within the bounds meets every target; the best plan found:\n";
  // Officers by block, one row per stage or agency lever; lanes and closing hours after.
  std::vector<std::string> blocks;
  for (const models::LeverSpec& l : spec.levers)
    for (const models::HourBlock& b : l.blocks)
      if (std::find(blocks.begin(), blocks.end(), b.text) == blocks.end()) blocks.push_back(b.text);
  std::size_t width = 24;
  for (const models::LeverSpec& l : spec.levers) width = std::max(width, l.ref.size() + 2);
  if (!blocks.empty()) {
    s += fmt::format("  {:<{}}", "officers on duty by block", width);
    for (const std::string& b : blocks) s += fmt::format(" {:>11}", b);
    s += "   (the scenario's)\n";
  }
  const std::vector<int>& plan = x.chosen.plan;
  for (std::size_t li = 0; li < spec.levers.size(); ++li) {
    const models::LeverSpec& l = spec.levers[li];
    std::map<std::string, std::pair<int, int>> at;  // block -> (chosen, baseline)
    for (std::size_t k = 0; k < r.decisions.size() && k < plan.size(); ++k)
      if (r.decisions[k].lever == li) {
        const std::string block = l.blocks.empty() ? "" : l.blocks[r.decisions[k].block].text;
        at[block] = {plan[k], r.decisions[k].baseline};
      }
    if (l.blocks.empty()) {
      const auto [v, b] = at[""];
      s += l.kind == models::LeverSpec::Kind::Close
               ? fmt::format("  {} closes at {:02}:00 (the scenario: {:02}:00)\n", l.ref, v, b)
               : fmt::format("  {} lane: {} server(s) (the scenario: {})\n", l.ref, v, b);
      continue;
    }
    s += fmt::format("  {:<{}}", l.ref, width);
    std::string own;
    for (const std::string& b : blocks) {
      const auto it = at.find(b);
      s += it == at.end() ? fmt::format(" {:>11}", "") : fmt::format(" {:>11}", it->second.first);
      if (it != at.end()) own += (own.empty() ? "" : " ") + std::to_string(it->second.second);
    }
    s += "   (" + own + ")\n";
  }
  const double base = r.baseline.cost;
  s +=
      fmt::format("  {}: {}; the scenario's own staffing {}{}\n",
                  r.objective == "cost" ? "staffing cost of the levered staff"
                                        : "officer-hours of the levered staff",
                  number(x.chosen.cost, r.unit), number(base, r.unit),
                  base > 0 ? fmt::format(" ({:+.1f} %)", 100 * (x.chosen.cost - base) / base) : "");
  // The targets at the plan (its finalist's selection replications) and at the scenario's own.
  const studies::Finalist* chosen = nullptr;
  for (const studies::Finalist& f : x.finalists)
    if (f.candidate.plan == plan) chosen = &f;
  const studies::Candidate& c = chosen ? chosen->candidate : x.chosen;
  s += fmt::format(
      "\ntargets, mean [95 % CI] at the plan ({}) | at the scenario's own staffing (search's "
      "replications):\n",
      chosen ? fmt::format("{} new replications", chosen->replications) : "search's replications");
  std::size_t tw = 10;
  for (const OptimiseTarget& t : r.targets) tw = std::max(tw, t.text.size());
  for (std::size_t t = 0; t < r.targets.size() && t < c.targets.size(); ++t) {
    const std::string verdict = chosen && t < chosen->decision.size()
                                    ? (chosen->decision[t] > 0   ? "declared met"
                                       : chosen->decision[t] < 0 ? "declared missed"
                                                                 : "undecided")
                                    : (c.targets[t].met ? "met" : "missed");
    s += fmt::format(
        "  {:<{}}  {:<28} {:<15} | {} {}\n", r.targets[t].text, tw,
        estimate(c.targets[t], r.targets[t].unit), verdict,
        t < r.baseline.targets.size() ? estimate(r.baseline.targets[t], r.targets[t].unit) : "",
        t < r.baseline.targets.size() ? (r.baseline.targets[t].met ? "met" : "missed") : "");
  }
  // Runners-up: the other finalists, and what they change.
  bool header = false;
  for (std::size_t f = 0; f < x.finalists.size(); ++f) {
    const studies::Finalist& fin = x.finalists[f];
    if (fin.candidate.plan == plan) continue;
    if (!header) s += "\nrunners-up (finalists of the selection):\n";
    header = true;
    std::vector<std::string> diff;
    for (std::size_t k = 0; k < fin.candidate.plan.size() && k < plan.size(); ++k)
      if (fin.candidate.plan[k] != plan[k])
        diff.push_back(fmt::format("{} {}", r.decisions[k].name, fin.candidate.plan[k]));
    s += fmt::format("  #{} {} ({:+.1f}): {}; {}\n", f + 1, number(fin.candidate.cost, r.unit),
                     fin.candidate.cost - x.chosen.cost,
                     diff.empty() ? "the same plan" : fmt::format("{}", fmt::join(diff, ", ")),
                     fin.declared_feasible ? "declared feasible" : "not declared feasible");
  }
  if (x.feasible) {
    s += "\nguarantee: " + x.guarantee + "\n";
  } else {
    s += fmt::format(
        "\ncannot be met within the bounds: {} (the best reached: {}); widen the levers' bounds "
        "or relax the target\n",
        x.unmet_target, number(x.unmet_best, ""));
  }
  for (const std::string& w : r.warnings) s += w + "\n";
  s += "\nresults: " + r.out + "\n";
  if (!r.plan_file.empty()) s += "plan: " + r.plan_file + " (bordersim run " + r.plan_file + ")\n";
  return s;
}

// `bordersim summary` of an optimise file: the plan, the targets at it and at the scenario's
// own staffing, the finalists and the guarantee, as /optimisation holds them.
std::string optimise_file_summary(hid_t f, const std::string& h5) {
  namespace h = outputs::h5;
  using outputs::text;
  const std::string g = "optimisation";
  h::Handle grp(H5Gopen2(f, g.c_str(), H5P_DEFAULT), H5Gclose, "opening /optimisation");
  const std::string unit = h::read_attr_string(grp, "unit");
  const bool feasible = h::read_attr_double(grp, "feasible") > 0;
  std::string s = fmt::format(
      "{} — optimise, minimising {} ({}), from {}\n{} {}; the scenario's own staffing {}\n\n",
      h::read_attr_string(f, "scenario_name"), h::read_attr_string(grp, "objective"), unit, h5,
      feasible ? "plan chosen, declared feasible:" : "NO PLAN meets every target; the best found:",
      number(h::read_attr_double(grp, "cost"), unit),
      number(h::read_attr_double(grp, "baseline_cost"), unit));
  s += "decisions (lever and block: chosen; the scenario's; seed; bounds)\n";
  for (const auto& r : outputs::read_rows<outputs::row::OptimiseDecision>(
           grp, "decisions", outputs::table_spec(outputs::Table::OptimiseDecisions)))
    s += fmt::format("  {:<40} {:>4}; {:>4}; {:>4}; {}..{}\n", text(r.name), r.chosen, r.baseline,
                     r.seed, r.low, r.high);
  s += "\ntargets (mean [95 % CI] at the plan | at the scenario's own staffing)\n";
  for (const auto& r : outputs::read_rows<outputs::row::OptimiseTarget>(
           grp, "targets", outputs::table_spec(outputs::Table::OptimiseTargets)))
    s += fmt::format("  {}: {:.4g} [{:.4g}, {:.4g}] {} | {:.4g} [{:.4g}, {:.4g}] {}\n",
                     text(r.text), r.mean, r.ci95_lo, r.ci95_hi,
                     r.declared > 0   ? "declared met"
                     : r.declared < 0 ? "declared missed"
                                      : "",
                     r.baseline_mean, r.baseline_ci95_lo, r.baseline_ci95_hi,
                     r.baseline_met ? "met" : "missed");
  s += "\nfinalists (cost, replications, verdict per target, plan)\n";
  for (const auto& r : outputs::read_rows<outputs::row::OptimiseFinalist>(
           grp, "finalists", outputs::table_spec(outputs::Table::OptimiseFinalists)))
    s += fmt::format("  #{} {} {} {} {}{}\n", r.rank, number(r.cost, unit), r.replications,
                     text(r.decisions), text(r.plan), r.chosen ? "  <- chosen" : "");
  s += "\n" + h::read_attr_string(grp, "guarantee") + "\n";
  return s;
}

}  // namespace app
