// What `bordersim optimise`'s sources share (internal to app/): targets parsed and valued
// (optimise_targets.cpp), the decisions a scenario's levers make and a plan applied to the
// scenario (optimise_levers.cpp).
#pragma once

#include <string>
#include <vector>

#include "app/commands.hpp"

namespace app {

// std::invalid_argument naming what is wrong (the caller locates it). `stops`: the scenario's
// stop names (its plan's visited sites).
OptimiseTarget parse_target(const std::string& text, const models::Scenario& sc,
                            const std::vector<std::string>& stops);
// The scenario's targets parsed: a located error (SourceError) at a target of the file, a
// UsageError at one of the command line's.
std::vector<OptimiseTarget> parse_targets(const models::Scenario& sc,
                                          const models::OptimiseSpec& s);
// The target's metric in one replication (NaN when absent: no vehicle in that group finished).
double target_value(const OptimiseTarget& t, const outputs::ReplicationMetrics& m);

// The decisions of the levers (one per block of a stage or agency lever), each with its bounds,
// its value in the scenario as written (baseline) and its cost per unit per day under the
// objective; `objective` is "cost" or "officer_hours".
std::vector<OptimiseDecision> decisions(const models::Scenario& sc,
                                        const std::vector<models::LeverSpec>& levers,
                                        const std::string& objective);
// Is every lever priced (its stage's or agency's `cost` given)?
bool levers_priced(const models::Scenario& sc, const std::vector<models::LeverSpec>& levers);
// The scenario with the plan's values: a stage's or agency's every-day staffing entries in its
// blocks (its other every-day entries kept where no block covers them), a lane's servers, a
// side's closing hour.
models::Scenario apply_plan(const models::Scenario& sc,
                            const std::vector<models::LeverSpec>& levers,
                            const std::vector<OptimiseDecision>& ds, const std::vector<int>& plan);
// The seed of the search: per decision, the smallest servers meeting the Erlang C estimate of
// its block (from validate's hourly picture) for the targets on its stop (a waited_share or
// stage_wait_mean bound; else a wait probability of 0.5), clamped into its bounds; lanes and
// closing hours start as written.
std::vector<int> erlang_seed(const models::Scenario& sc,
                             const std::vector<models::LeverSpec>& levers,
                             const std::vector<OptimiseDecision>& ds,
                             const std::vector<OptimiseTarget>& targets);

}  // namespace app
