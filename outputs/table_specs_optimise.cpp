// The tables of `bordersim optimise` (studies/optimise.hpp), declared as the others are: under
// /optimisation, the decisions with the plan chosen, the targets at it, the finalists of the
// selection and every plan the search evaluated.
#include "outputs/table_specs_parts.hpp"

namespace outputs {

void add_optimise_tables(std::vector<TableSpec>& t) {
  {
    using R = row::OptimiseDecision;
    t.push_back(TableSpec{
        Table::OptimiseDecisions,
        "decisions",
        "/optimisation/decisions",
        "`optimise` only: one row per decision of the search (a lever in one of its hour blocks), "
        "with its bounds, its value as the scenario has it, the search's Erlang C seed and the "
        "plan chosen. The attributes of /optimisation say what was minimised, whether the plan is "
        "declared feasible, the guarantee, the evaluations and replications.",
        "",
        sizeof(R),
        64,
        {column(&R::decision, "decision", "", "its number: the order of a plan's values"),
         column(&R::name, "name", "", "lever and block, e.g. `kim_thanh.customs 07-11`"),
         column(&R::lever, "lever", "", "the stage, agency or side"),
         column(&R::block, "block", "",
                "the hour block (local time of the side); empty for lanes "
                "and closing hours"),
         column(&R::kind, "kind", "", "stage, agency, lane or close"),
         column(&R::low, "low", "", "lower bound (servers, officers; an hour for close)"),
         column(&R::high, "high", "", "upper bound"),
         column(&R::baseline, "baseline", "", "the scenario's own value"),
         column(&R::seed, "seed", "", "where the search started (Erlang C per block)"),
         column(&R::chosen, "chosen", "", "the plan chosen"),
         column(&R::unit_cost, "unit_cost", "",
                "the objective per unit per day (attribute `unit` of /optimisation)")}});
  }
  {
    using R = row::OptimiseTarget;
    t.push_back(TableSpec{
        Table::OptimiseTargets,
        "targets",
        "/optimisation/targets",
        "`optimise` only: each target at the plan chosen, on the selection's replications (new "
        "seeds, not the search's), and at the scenario's own staffing on the search's.",
        "",
        sizeof(R),
        64,
        {column(&R::target, "target", "", "its number"), column(&R::text, "text", "", "as written"),
         column(&R::metric, "metric", "", "the summary metric"),
         column(&R::group, "group", "", "its group label"),
         column(&R::sense, "sense", "", "<= or >="),
         column(&R::unit, "unit", "", "the metric's unit"),
         column(&R::threshold, "threshold", "", "in `unit`"),
         column(&R::tolerance, "tolerance", "", "the selection's indifference zone, in `unit`"),
         column(&R::mean, "mean", "", "at the plan chosen"),
         column(&R::ci95_lo, "ci95_lo", "", "95 % CI across replications, low end"),
         column(&R::ci95_hi, "ci95_hi", "", "high end"),
         column(&R::met, "met", "", "1: the CI's end on the wrong side meets the threshold"),
         column(&R::declared, "declared", "",
                "the feasibility check: 1 feasible, -1 infeasible, 0 undecided"),
         column(&R::baseline_mean, "baseline_mean", "", "at the scenario's own staffing"),
         column(&R::baseline_ci95_lo, "baseline_ci95_lo", "", ""),
         column(&R::baseline_ci95_hi, "baseline_ci95_hi", "", ""),
         column(&R::baseline_met, "baseline_met", "", "1: met at the scenario's own staffing")}});
  }
  {
    using R = row::OptimiseFinalist;
    t.push_back(TableSpec{
        Table::OptimiseFinalists,
        "finalists",
        "/optimisation/finalists",
        "`optimise` only: the cheapest feasible plans of the search, rerun on new replications "
        "through the feasibility check, cheapest first.",
        "",
        sizeof(R),
        64,
        {column(&R::rank, "rank", "", "by cost, from 1"),
         column(&R::cost, "cost", "", "the objective per day"),
         column(&R::replications, "replications", "", "simulated for it in the selection"),
         column(&R::declared_feasible, "declared_feasible", "", "1: every target declared met"),
         column(&R::chosen, "chosen", "", "1: the plan named"),
         column(&R::decisions, "decisions", "",
                "per target, the check's verdict: + feasible, - infeasible, ? undecided"),
         column(&R::plan, "plan", "",
                "the values of the decisions, in their order, comma "
                "separated")}});
  }
  {
    using R = row::OptimiseStep;
    t.push_back(TableSpec{
        Table::OptimiseHistory,
        "history",
        "/optimisation/history",
        "`optimise` only: every plan the search evaluated (on the same replications: common "
        "random numbers), in order.",
        "",
        sizeof(R),
        256,
        {column(&R::step, "step", "", "0 the seed, then one per move"),
         column(&R::phase, "phase", "", "seed, add or remove"),
         column(&R::cost, "cost", "", "the objective per day"),
         column(&R::violation, "violation", "",
                "targets missed, summed relative to their thresholds (0: feasible)"),
         column(&R::feasible, "feasible", "", "1: every target met on its CI"),
         column(&R::plan, "plan", "", "the decisions' values, comma separated")}});
  }
}

}  // namespace outputs
