// Inside the report of `bordersim optimise` (report_optimise*.cpp): /optimisation as the report
// reads it, and the words and charts its sections share.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

#include "report/report_parts.hpp"

namespace outputs::report::optimise {

// A decision: a lever in one hour block (/optimisation/decisions).
struct Decision {
  std::string name, lever, block, kind;
  int low = 0, high = 0, baseline = 0, seed = 0, chosen = 0;
  double unit_cost = 0;
  double from_h = 0, to_h = 0;  // the block in local hours of the day; NaN when it has none
};

struct TargetRow {
  std::string text, metric, group, sense, unit;
  double threshold = 0, tolerance = 0;  // the check's indifference zone, in `unit`
  double mean = 0, lo = 0, hi = 0;      // at the plan
  bool met = false;
  int declared = 0;                       // the feasibility check: 1 met, -1 missed, 0 undecided
  double b_mean = 0, b_lo = 0, b_hi = 0;  // at the scenario's own staffing
  bool b_met = false;
};

struct FinalistRow {
  int rank = 0;
  double cost = 0;
  int replications = 0;
  bool feasible = false, chosen = false;
  std::string verdicts;  // "+-?" per target
  std::vector<int> plan;
};

struct StepRow {
  int step = 0;
  std::string phase;
  double cost = 0, violation = 0;
  bool feasible = false;
  std::vector<int> plan;
};

struct Data {
  std::string objective, unit, guarantee, unmet_target;
  bool feasible = false, budget_exhausted = false;
  int evaluations = 0, replications = 0, search_replications = 0;
  double alpha = 0.05, cost = 0, baseline_cost = 0, unmet_best = 0;
  std::vector<Decision> decisions;
  std::vector<TargetRow> targets;
  std::vector<FinalistRow> finalists;
  std::vector<StepRow> history;
  const FinalistRow* chosen_finalist() const;  // nullptr when the plan was no finalist
};

Data read(hid_t f);

// "780 USD a day", "156 officer-hours a day".
std::string objective_words(double v, const std::string& unit);
// "95 %" for alpha 0.05.
std::string confidence_words(double alpha);

// The plan as officers on duty over the hours of the day, one panel per stage or agency lever,
// beside the scenario's own staffing ("" when no lever has hour blocks).
std::string staffing_chart(const Data& d);
// The cost of every plan the search evaluated, in order, feasible ones filled.
std::string search_chart(const Data& d);

}  // namespace outputs::report::optimise
