// The tables of `bordersim explore` (studies/explore.hpp), declared as the others are.
#include "outputs/table_specs_parts.hpp"

namespace outputs {

void add_explore_tables(std::vector<TableSpec>& t) {
  {
    using R = row::ExploreInput;
    t.push_back(TableSpec{
        Table::ExploreInputs,
        "explore_inputs",
        "/explore_inputs",
        "`explore` only: the uncertain inputs the design varies (the scenario's `uncertain:`), in "
        "order.",
        "",
        sizeof(R),
        64,
        {column(&R::input, "input", "", "the input's number, as in /explore_design"),
         column(&R::name, "name", "", "the input's name"),
         column(&R::key, "key", "", "the key path it sets"),
         column(&R::kind, "kind", "", "range or values"),
         column(&R::low, "low", "", "a range's low end, in `unit` (NaN for values)"),
         column(&R::high, "high", "", "its high end"),
         column(&R::mode, "mode", "", "a triangular range's most likely value (NaN otherwise)"),
         column(&R::unit, "unit", "",
                "the unit suffix as written (`d`, `/h`; `:time` for hours of the day)"),
         column(&R::distribution, "distribution", "",
                "uniform, triangular, log_uniform, or values"),
         column(&R::alternatives, "alternatives", "", "the alternatives' labels, | between"),
         column(&R::own, "own", "", "the scenario's own value at the key, as `run` uses it"),
         column(&R::source, "source", "", "the id of docs/sources.md that bounds it, if any"),
         column(&R::why, "why", "", "why it is assumed")}});
  }
  {
    using R = row::ExploreDesign;
    t.push_back(TableSpec{
        Table::ExploreDesign,
        "explore_design",
        "/explore_design",
        "`explore` only: every point's value of every input, one row each. Attributes of the "
        "root: `design` (lhs, grid, morris or sobol), `design_points` (as --points), "
        "`design_seed`.",
        "",
        sizeof(R),
        4096,
        {column(&R::point, "point", "", "the design point, in run order"),
         column(&R::input, "input", "", "the input, as in /explore_inputs"),
         column(&R::name, "name", "", "the input's name"),
         column(&R::unit_value, "unit_value", "",
                "the design's coordinate in [0, 1] (what the sensitivity indices are computed on)"),
         column(&R::value, "value", "",
                "a range's value in its unit as run, or an alternative's number (from 0)"),
         column(&R::text, "text", "",
                "the value as set at the key (`3.5d`), or the alternative's label")}});
  }
  {
    using R = row::ExplorePoint;
    t.push_back(TableSpec{
        Table::ExplorePoints, "explore_points", "/explore_points",
        "`explore` only: the summary of every scenario (base and variants) at every design point.",
        "mean over replications with a Student-t 95 % CI; the unit column gives each row's unit",
        sizeof(R), 4096,
        join(
            std::vector<ColumnSpec>{
                column(&R::point, "point", "", "the design point"),
                column(&R::scenario, "scenario", "", "the base's or a variant's name"),
                column(&R::parameters, "parameters", "", "the point's inputs: name=value;...")},
            nested(&R::key, key_columns()), nested(&R::ci, ci_columns()))});
  }
  {
    using R = row::ExploreDifference;
    t.push_back(TableSpec{
        Table::ExploreDifferences, "explore_differences", "/explore_differences",
        "`explore` with variants only: at every design point, each variant minus the base, paired "
        "over the point's replications (common random numbers).",
        "diff = variant - base, paired over replications, 95 % CI", sizeof(R), 4096,
        join(
            std::vector<ColumnSpec>{column(&R::point, "point", "", "the design point"),
                                    column(&R::variant, "variant", "", "the variant's name")},
            nested(&R::key, key_columns()),
            std::vector<ColumnSpec>{
                column(&R::base_mean, "base_mean", "", "the base's mean"),
                column(&R::variant_mean, "variant_mean", "", "the variant's mean"),
                column(&R::diff_mean, "diff_mean", "", "mean of variant - base, paired"),
                column(&R::diff_lo, "diff_lo", "", "paired-t 95 % CI, low end"),
                column(&R::diff_hi, "diff_hi", "", "the same, high end"),
                column(&R::n, "n", "", "replications paired"),
                column(&R::significant, "significant", "", "1 if the CI excludes zero"),
                column(&R::better, "better", "", "which way is better: lower, higher or empty")})});
  }
  {
    using R = row::Sensitivity;
    t.push_back(TableSpec{
        Table::Sensitivity, "sensitivity", "/sensitivity",
        "`explore` only: which inputs explain each headline metric (and each policy effect) over "
        "the design. By design: `sobol` gives Sobol' first-order (`first`) and total (`total`) "
        "indices with percentile bootstrap 95 % CIs (500 resamples of the base rows); `morris` "
        "gives `mu_star` (mean absolute elementary effect, bootstrap CI over trajectories), `mu` "
        "and `sigma`, per unit of the input's coordinate in [0, 1]; `lhs` and `grid` give "
        "standardised regression coefficients (`src`, OLS CI) on the inputs' values and the "
        "fit's `r2` (input empty). Indices are of the per-point means: each point's own "
        "replication noise is part of the variance they split.",
        "value with its 95 % CI (NaN where none)", sizeof(R), 4096,
        join(std::vector<ColumnSpec>{column(&R::scenario, "scenario", "",
                                            "a scenario's name, or effect:<variant> for the "
                                            "variant's paired difference from the base")},
             nested(&R::key, key_columns()),
             std::vector<ColumnSpec>{
                 column(&R::input, "input", "", "the input's name"),
                 column(&R::measure, "measure", "", "first, total, mu_star, mu, sigma, src or r2"),
                 column(&R::value, "value", "", "the index"),
                 column(&R::lo, "lo", "", "its 95 % CI, low end"),
                 column(&R::hi, "hi", "", "the same, high end")})});
  }
  {
    using R = row::Robustness;
    t.push_back(TableSpec{
        Table::Robustness, "robustness", "/robustness",
        "`explore` with variants only: each variant's effect (variant - base) over the design: "
        "its range and mean, at how many points it is better or worse (by the point's mean, and "
        "by its own 95 % CI), and the region where the minority outcome lies, as a rule of at "
        "most two conditions on the inputs read off the design.",
        "", sizeof(R), 1024,
        join(std::vector<ColumnSpec>{column(&R::variant, "variant", "", "the variant's name")},
             nested(&R::key, key_columns()),
             std::vector<ColumnSpec>{
                 column(&R::effect_min, "effect_min", "", "the smallest per-point mean effect"),
                 column(&R::effect_max, "effect_max", "", "the largest"),
                 column(&R::effect_mean, "effect_mean", "", "their mean over the design"),
                 column(&R::points, "points", "", "points where both have the metric"),
                 column(&R::better_points, "better_points", "",
                        "points where the variant is better"),
                 column(&R::worse_points, "worse_points", "", "points where it is worse"),
                 column(&R::better_significant, "better_significant", "",
                        "points where its own 95 % CI says better"),
                 column(&R::worse_significant, "worse_significant", "",
                        "points where its own 95 % CI says worse"),
                 column(&R::better, "better", "", "which way is better: lower, higher or empty"),
                 column(&R::flips, "flips", "",
                        "1 if the variant is better at some points and worse at others"),
                 column(&R::rule_describes_worse, "rule_describes_worse", "",
                        "1 if `rule` says where it is worse, 0 where it is better"),
                 column(&R::rule, "rule", "",
                        "the flip region in words (empty when it does not flip)"),
                 column(&R::rule_accuracy, "rule_accuracy", "",
                        "share of points the rule classifies correctly")})});
  }
}

}  // namespace outputs
